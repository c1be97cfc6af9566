using Adjudication.Domain.Eligibility;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Internal;
using StackExchange.Redis;

namespace Adjudication.Storage;

/// <summary>
/// Copies of filings held away from the insured city: at the treatment city and at the relays a push passed through
/// (DESIGN.md §3). Versions only move forward. A "no filing" answer from the insured city is kept briefly, per
/// destination, so a burst of refused registrations does not ask across the network each time.
/// </summary>
public sealed class FilingCacheStore
{
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly TimeProvider _clock;

    /// <summary>Creates the store over an open connection.</summary>
    public FilingCacheStore(IConnectionMultiplexer redis, RedisStoreOptions options, TimeProvider clock)
    {
        _db = redis.GetDatabase();
        _keys = new RedisKeys(options.KeyPrefix);
        _clock = clock;
    }

    /// <summary>Caches <paramref name="filing"/> unless a newer or equal version is held; returns which, and the version held after.</summary>
    public async Task<(CacheFilingResult Result, long HeldVersion)> PutAsync(Filing filing)
    {
        var reply = (RedisResult[])(await _db.ScriptEvaluateAsync(
            Scripts.CacheFiling,
            [_keys.FilingCache(filing.InsuplcAdmdvs, filing.PsnNo), _keys.FilingCacheNone(filing.InsuplcAdmdvs, filing.PsnNo)],
            new ScriptArguments(3).Add(filing.FilingId).Add(filing.Version).Add(StoreJson.Serialize(filing)).ToArray()).ConfigureAwait(false))!;
        return (ScriptReplies.CacheFiling.Decode(reply), (long)reply[1]);
    }

    /// <summary>Remembers for <paramref name="ttl"/> that the insured city knows no filing of the person covering <paramref name="dest"/>.</summary>
    public async Task PutNoneAsync(string insuplc, string psnNo, string dest, TimeSpan ttl)
    {
        var key = _keys.FilingCacheNone(insuplc, psnNo);
        var expiry = _clock.GetUtcNow().Add(ttl).ToUnixTimeMilliseconds();
        var batch = _db.CreateBatch();
        var set = batch.HashSetAsync(key, dest, expiry);
        var expire = batch.KeyExpireAsync(key, ttl);
        batch.Execute();
        await Task.WhenAll(set, expire).ConfigureAwait(false);
    }

    /// <summary>
    /// The cached filings of the person, and whether a fresh "no filing covering <paramref name="dest"/>" answer is held.
    /// </summary>
    public async Task<(IReadOnlyList<Filing> Filings, bool KnownNone)> GetAsync(string insuplc, string psnNo, string dest)
    {
        var batch = _db.CreateBatch();
        var entriesTask = batch.HashGetAllAsync(_keys.FilingCache(insuplc, psnNo));
        var noneTask = batch.HashGetAsync(_keys.FilingCacheNone(insuplc, psnNo), dest);
        batch.Execute();
        var entries = await entriesTask.ConfigureAwait(false);
        var none = await noneTask.ConfigureAwait(false);
        var filings = new List<Filing>(entries.Length / 2);
        foreach (var entry in entries)
        {
            if (entry.Name.StartsWith("f:"))
            {
                filings.Add(StoreJson.Deserialize<Filing>(entry.Value.ToString()));
            }
        }

        var knownNone = !none.IsNull && (long)none > _clock.GetUtcNow().ToUnixTimeMilliseconds();
        return (filings, knownNone);
    }
}
