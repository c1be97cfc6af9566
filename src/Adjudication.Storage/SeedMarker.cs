using Adjudication.Storage.Internal;
using StackExchange.Redis;

namespace Adjudication.Storage;

/// <summary>
/// Guards initial (demo) data so that it only ever goes into a store that holds nothing else: loaded over an agency's
/// real data it would, for example, publish a demo policy version in force for a real city. The first loader claims a
/// marker key under the node's prefix with SET NX, and only when no key of the prefix exists yet; a later start finds
/// the marker (the store holds the initial data, which an idempotent loader may send again) or other data (nothing may
/// be loaded).
/// </summary>
/// <remarks>
/// The marker makes the usual restart one GET. The emptiness check covers stores filled without it (loaded through
/// the API after a start without seeding, or by a version before the marker); it SCANs the prefix on each primary,
/// which stops at the first key found, and costs a walk of the keyspace only on a store that holds none of the
/// prefix's keys. SET NX settles a race between two nodes started on one empty prefix: one claims it, the other finds the marker.
/// </remarks>
public sealed class SeedMarker
{
    private readonly IConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly TimeProvider _clock;

    /// <summary>Creates the guard over an open connection for the store of <paramref name="options"/> (its key prefix).</summary>
    public SeedMarker(IConnectionMultiplexer redis, RedisStoreOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _db = redis.GetDatabase();
        _keys = new RedisKeys(options.KeyPrefix);
        _clock = clock;
    }

    /// <summary>
    /// Claims the store for initial data on behalf of <paramref name="loader"/> (recorded in the marker with the time).
    /// Write the data only on <see cref="SeedClaimOutcome.Claimed"/>.
    /// </summary>
    /// <exception cref="RedisException">The store did not answer; nothing was claimed.</exception>
    public async Task<SeedClaim> ClaimAsync(string loader)
    {
        var marker = await _db.StringGetAsync(_keys.SeedMarker).ConfigureAwait(false);
        if (!marker.IsNull)
        {
            return new SeedClaim(SeedClaimOutcome.AlreadySeeded, marker.ToString());
        }

        if (await FindAnyKeyAsync().ConfigureAwait(false) is { } key)
        {
            return new SeedClaim(SeedClaimOutcome.HoldsData, key);
        }

        var record = $"{loader}, {_clock.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC";
        if (await _db.StringSetAsync(_keys.SeedMarker, record, when: When.NotExists).ConfigureAwait(false))
        {
            return new SeedClaim(SeedClaimOutcome.Claimed, record);
        }

        // Another loader claimed it between the GET and the SET.
        return new SeedClaim(SeedClaimOutcome.AlreadySeeded, (await _db.StringGetAsync(_keys.SeedMarker).ConfigureAwait(false)).ToString());
    }

    private async Task<string?> FindAnyKeyAsync()
    {
        foreach (var server in _redis.GetServers())
        {
            if (server.IsReplica)
            {
                continue;
            }

            await foreach (var key in server.KeysAsync(_db.Database, _keys.AnyKeyPattern, pageSize: 1000).ConfigureAwait(false))
            {
                return key.ToString();
            }
        }

        return null;
    }
}
