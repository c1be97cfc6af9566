using Adjudication.Domain.Eligibility;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Internal;
using StackExchange.Redis;

namespace Adjudication.Storage;

/// <summary>
/// Filings at the insured city (authoritative, DESIGN.md §5): every change is a new version written with a
/// compare-and-set on the current version, and appended to a history that is never trimmed.
/// </summary>
public sealed class FilingStore
{
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly PersonStore _persons;

    /// <summary>Creates the store; it drops the person's near-cache entry after each write.</summary>
    public FilingStore(IConnectionMultiplexer redis, RedisStoreOptions options, PersonStore persons)
    {
        _db = redis.GetDatabase();
        _keys = new RedisKeys(options.KeyPrefix);
        _persons = persons;
    }

    /// <summary>A new filing id: 'F', the insured city, then a counter.</summary>
    public async Task<string> NextFilingIdAsync(string insuredCity)
    {
        var n = await _db.StringIncrementAsync(_keys.FilingSequence(insuredCity)).ConfigureAwait(false);
        return $"F{insuredCity}{n:D10}";
    }

    /// <summary>
    /// Writes <paramref name="next"/> if the filing is still at <paramref name="expectedVersion"/> (0 for a new one),
    /// with, when <paramref name="owesPush"/>, its push toward the destination in the outbox (<see cref="FilingPush"/>).
    /// On a replay the stored version is returned.
    /// </summary>
    public async Task<(WriteFilingResult Result, Filing? Stored)> WriteAsync(Filing next, long expectedVersion, string msgid, byte[] digest, bool owesPush)
    {
        var json = StoreJson.Serialize(next);
        var result = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.WriteFiling,
            [_keys.Filings(next.InsuplcAdmdvs, next.PsnNo), _keys.FilingHistory(next.InsuplcAdmdvs, next.PsnNo), _keys.Message(next.InsuplcAdmdvs, next.PsnNo, msgid), _keys.Outbox(next.InsuplcAdmdvs, next.PsnNo)],
            new ScriptArguments(6).Add(digest).Add(next.FilingId).Add(expectedVersion).Add(next.Version).Add(json)
                .Add(owesPush ? FilingPush.Entry(next).Field : string.Empty).ToArray()).ConfigureAwait(false))!;
        _persons.Forget(next.InsuplcAdmdvs, next.PsnNo);
        var outcome = ScriptReplies.WriteFiling.Decode(result);
        return outcome switch
        {
            WriteFilingResult.Written => (outcome, next),
            WriteFilingResult.Replayed => (outcome, StoreJson.Deserialize<Filing>(result[1].ToString())),
            _ => (outcome, null),
        };
    }

    /// <summary>The current version of one filing, or null.</summary>
    public async Task<Filing?> GetAsync(string insuplc, string psnNo, string filingId)
    {
        var json = await _db.HashGetAsync(_keys.Filings(insuplc, psnNo), "f:" + filingId).ConfigureAwait(false);
        return json.IsNull ? null : StoreJson.Deserialize<Filing>(json.ToString());
    }

    /// <summary>The current version of each of the person's filings.</summary>
    public async Task<IReadOnlyList<Filing>> GetCurrentAsync(string insuplc, string psnNo)
    {
        var entries = await _db.HashGetAllAsync(_keys.Filings(insuplc, psnNo)).ConfigureAwait(false);
        var current = new List<Filing>(entries.Length / 2);
        foreach (var entry in entries)
        {
            if (entry.Name.StartsWith("f:"))
            {
                current.Add(StoreJson.Deserialize<Filing>(entry.Value.ToString()));
            }
        }

        return current;
    }

    /// <summary>Every version of the person's filings, oldest first.</summary>
    public async Task<IReadOnlyList<Filing>> GetHistoryAsync(string insuplc, string psnNo)
    {
        var entries = await _db.ListRangeAsync(_keys.FilingHistory(insuplc, psnNo)).ConfigureAwait(false);
        return [.. entries.Select(e => StoreJson.Deserialize<Filing>(e.ToString()))];
    }
}
