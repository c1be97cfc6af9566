using System.Collections.Concurrent;
using Adjudication.Domain.Policy;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Internal;
using StackExchange.Redis;

namespace Adjudication.Storage;

/// <summary>
/// The versions of each policy of this city (DESIGN.md §12), served from memory: a settle finds the version in force on
/// the visit's start without touching Redis. A publication announces itself on the invalidation channel so every node
/// instance reloads (DESIGN.md §6 "near cache invalidated by version"); versions are never changed or removed.
/// </summary>
public sealed class PolicyStore
{
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly ConcurrentDictionary<string, PolicyVersions> _versions = new(StringComparer.Ordinal);

    // Moves at every invalidation: a load that began before one is not cached, so a publication is never hidden by a
    // read that raced it.
    private int _generation;

    /// <summary>Creates the store and subscribes to invalidations.</summary>
    public PolicyStore(IConnectionMultiplexer redis, RedisStoreOptions options)
    {
        _db = redis.GetDatabase();
        _keys = new RedisKeys(options.KeyPrefix);
        Invalidations.Subscribe(redis, _keys.Invalidations, key => Forget(key.ToString()));
    }

    /// <summary>The version of a city's policy for an insurance type in force on <paramref name="date"/>, or null.</summary>
    public async ValueTask<SettlementPolicy?> InForceOnAsync(string admdvs, Insutype insutype, DateOnly date) =>
        (await GetVersionsAsync(admdvs, insutype).ConfigureAwait(false)).InForceOn(date);

    /// <summary>Every version of a city's policy for an insurance type (none: an empty set).</summary>
    public async ValueTask<PolicyVersions> GetVersionsAsync(string admdvs, Insutype insutype)
    {
        var key = _keys.PolicyVersions(admdvs, (int)insutype).ToString();
        if (_versions.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var generation = Volatile.Read(ref _generation);
        var entries = await _db.HashGetAllAsync(key).ConfigureAwait(false);
        var loaded = new List<SettlementPolicy>(entries.Length);
        foreach (var entry in entries)
        {
            // The stored JSON carries no version: the field it is stored under is its version.
            loaded.Add(StoreJson.Deserialize<SettlementPolicy>(entry.Value.ToString()) with { Version = (long)entry.Name });
        }

        var versions = new PolicyVersions(loaded);
        if (generation == Volatile.Read(ref _generation))
        {
            _versions[key] = versions;
        }

        return versions;
    }

    /// <summary>
    /// Stores <paramref name="policy"/> (validated by the caller) as the next version of its city's policy for its
    /// insurance type, once per <paramref name="msgid"/>: a replay with the same <paramref name="digest"/> answers the
    /// version it published, another digest is a conflict. Every instance reloads the versions.
    /// </summary>
    public async Task<(PublishResult Result, long Version)> PublishAsync(SettlementPolicy policy, string msgid, byte[] digest)
    {
        var versionsKey = _keys.PolicyVersions(policy.InsuplcAdmdvs, (int)policy.Insutype);
        var reply = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.PublishPolicy,
            [versionsKey, _keys.PolicyMessages(policy.InsuplcAdmdvs, (int)policy.Insutype)],
            new ScriptArguments(3).Add(msgid).Add(digest).Add(StoreJson.Serialize(policy with { Version = 0 })).ToArray()).ConfigureAwait(false))!;
        var result = ScriptReplies.PublishPolicy.Decode(reply);
        var version = result == PublishResult.MsgidConflict ? 0 : (long)reply[1];
        if (result == PublishResult.Published)
        {
            Forget(versionsKey.ToString());
            await _db.PublishAsync(_keys.Invalidations, versionsKey.ToString()).ConfigureAwait(false);
        }

        return (result, version);
    }

    /// <summary>
    /// Stores a policy as the next version without a msgid, for tests of the desks over a store with no node in front
    /// of it; an agency publishes through the node's PolicyService (DESIGN.md §12).
    /// </summary>
    public async Task<long> PutAsync(SettlementPolicy policy) => (await PublishAsync(policy, string.Empty, []).ConfigureAwait(false)).Version;

    private void Forget(string key)
    {
        Interlocked.Increment(ref _generation);
        _versions.TryRemove(key, out _);
    }
}
