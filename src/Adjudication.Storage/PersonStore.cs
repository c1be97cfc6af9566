using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Persons;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Time;
using Adjudication.Domain.Units;
using Adjudication.Storage.Internal;
using System.Globalization;
using System.Runtime.InteropServices;
using StackExchange.Redis;

namespace Adjudication.Storage;

/// <summary>
/// Persons at their insured city: profiles, credentials, balances, accumulators and filings, with a near cache of
/// snapshots so a warm settle reads nothing from Redis (DESIGN.md §6).
/// </summary>
public sealed class PersonStore : IDisposable
{
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly TimeProvider _clock;
    private readonly NearCache<PersonSnapshot> _cache = new("person");

    /// <summary>Creates the store over an open connection.</summary>
    public PersonStore(IConnectionMultiplexer redis, RedisStoreOptions options, TimeProvider clock)
    {
        _db = redis.GetDatabase();
        _keys = new RedisKeys(options.KeyPrefix);
        _clock = clock;
    }

    /// <summary>
    /// The person's snapshot, from the near cache when it is for the current year, else from Redis; null when unknown. A
    /// <see cref="ValueTask{TResult}"/>: a warm settle finds the person without allocating a task (DESIGN.md §6, §10).
    /// </summary>
    public async ValueTask<PersonSnapshot?> GetAsync(string insuplc, string psnNo)
    {
        var year = ChinaTime.Now(_clock).Year;
        var cacheKey = CacheKey(insuplc, psnNo);
        if (_cache.TryGet(cacheKey, out var cached) && cached.Year == year)
        {
            return cached;
        }

        var stateTask = _db.HashGetAllAsync(_keys.State(insuplc, psnNo));
        var filingsTask = _db.HashGetAllAsync(_keys.Filings(insuplc, psnNo));
        var state = (await stateTask.ConfigureAwait(false)).ToDictionary();
        var filingEntries = await filingsTask.ConfigureAwait(false);
        if (!state.TryGetValue("profile", out var profileJson))
        {
            return null;
        }

        var filings = new List<Filing>();
        var filingsVersion = "0";
        foreach (var entry in filingEntries)
        {
            var name = entry.Name.ToString();
            if (name == "_ver")
            {
                filingsVersion = entry.Value.ToString();
            }
            else if (name.StartsWith("f:", StringComparison.Ordinal))
            {
                filings.Add(StoreJson.Deserialize<Filing>(entry.Value.ToString()));
            }
        }

        var snapshot = new PersonSnapshot(
            StoreJson.Deserialize<PersonProfile>(profileJson.ToString()),
            state.TryGetValue("ver", out var ver) ? ver.ToString() : "0",
            new Money(state.TryGetValue("balc", out var balc) ? (long)balc : 0),
            year,
            ReadYear(state, year),
            filingsVersion,
            filings);
        Remember(snapshot);
        return snapshot;
    }

    /// <summary>Puts a snapshot in the near cache (after a commit whose effect is known).</summary>
    public void Remember(PersonSnapshot snapshot) =>
        _cache.Set(CacheKey(snapshot.Profile.InsuplcAdmdvs, snapshot.Profile.PsnNo), snapshot);

    /// <summary>Drops a cached snapshot (after a commit found it stale, or any write whose effect is not computed here).</summary>
    public void Forget(string insuplc, string psnNo) => _cache.Remove(CacheKey(insuplc, psnNo));

    /// <summary>Creates or replaces a person's profile and registers their credentials; sets the balance when given.</summary>
    public async Task PutAsync(PersonProfile profile, Money? balance, IEnumerable<(int CertType, string CertNo)> credentials)
    {
        var stateKey = _keys.State(profile.InsuplcAdmdvs, profile.PsnNo);
        var batch = _db.CreateTransaction();
        var writes = new List<Task>
        {
            batch.HashSetAsync(stateKey, "profile", StoreJson.Serialize(profile)),
            batch.HashIncrementAsync(stateKey, "ver"),
        };
        if (balance is { } b)
        {
            writes.Add(batch.HashSetAsync(stateKey, "balc", b.Fen));
        }

        await batch.ExecuteAsync().ConfigureAwait(false);
        await Task.WhenAll(writes).ConfigureAwait(false);
        Forget(profile.InsuplcAdmdvs, profile.PsnNo);

        // The credential index lives in other hash slots (one key per credential), so it cannot join the person's
        // transaction on Redis Cluster (DESIGN.md §6). It is written after the person, each key idempotently (the same
        // value every time): a crash in between leaves a person not yet findable by that credential, and writing the
        // person again completes it; an index never names a person that was not written.
        var index = $"{profile.InsuplcAdmdvs}|{profile.PsnNo}";
        var credentialWrites = new List<Task>();
        foreach (var (certType, certNo) in credentials)
        {
            credentialWrites.Add(_db.StringSetAsync(_keys.Credential(certType, certNo), index));
        }

        await Task.WhenAll(credentialWrites).ConfigureAwait(false);
    }

    /// <summary>The person a credential belongs to, as (insured division, psn_no); null when unknown.</summary>
    public async Task<(string Insuplc, string PsnNo)?> FindByCredentialAsync(int certType, string certNo)
    {
        var value = await _db.StringGetAsync(_keys.Credential(certType, certNo)).ConfigureAwait(false);
        if (value.IsNull)
        {
            return null;
        }

        var parts = value.ToString().Split('|');
        return (parts[0], parts[1]);
    }

    // Every "<year>:<accumulator>" field of this year, whatever fund layers the policy has (DESIGN.md §4.3): the store
    // knows accumulators by name only, so a new layer needs no code here.
    private static YearAccumulators ReadYear(Dictionary<RedisValue, RedisValue> state, int year)
    {
        var prefix = year.ToString(CultureInfo.InvariantCulture) + ":";
        var values = new List<AccumulatorValue>();
        foreach (var (field, value) in state)
        {
            var name = field.ToString();
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                values.Add(new AccumulatorValue(new AccumulatorId(name[prefix.Length..]), new Money((long)value)));
            }
        }

        return YearAccumulators.Of(CollectionsMarshal.AsSpan(values));
    }

    private static string CacheKey(string insuplc, string psnNo) => string.Concat(Domain.Divisions.Admdvs.CityOf(insuplc), ":", psnNo);

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();
}
