using Adjudication.Domain.Policy;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Internal;
using StackExchange.Redis;

namespace Adjudication.Storage;

/// <summary>
/// The integration zones a node applies (DESIGN.md §5, §12): published at a provincial node, handed down to every member
/// city, which keeps the newest version of each. Served from memory as one immutable list; a write announces itself on
/// the invalidation channel so every instance reloads.
/// </summary>
public sealed class ZoneStore
{
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private volatile IReadOnlyList<IntegrationZone>? _zones;

    // Moves at every invalidation: a load that began before one is not cached (see PolicyStore).
    private int _generation;

    /// <summary>Creates the store and subscribes to invalidations.</summary>
    public ZoneStore(IConnectionMultiplexer redis, RedisStoreOptions options)
    {
        _db = redis.GetDatabase();
        _keys = new RedisKeys(options.KeyPrefix);
        OutboxSlot = HashSlots.Of(_keys.ZoneDefinitions.ToString());
        Invalidations.Subscribe(redis, _keys.Invalidations, key =>
        {
            if (key == _keys.ZoneDefinitions.ToString())
            {
                Forget();
            }
        });
    }

    /// <summary>Every zone held here, by name.</summary>
    public async ValueTask<IReadOnlyList<IntegrationZone>> GetAllAsync()
    {
        if (_zones is { } cached)
        {
            return cached;
        }

        var generation = Volatile.Read(ref _generation);

        // Both hashes in one slot, read in one round trip; a zone is listed only once both fields are written.
        var batch = _db.CreateBatch();
        var definitions = batch.HashGetAllAsync(_keys.ZoneDefinitions);
        var versions = batch.HashGetAllAsync(_keys.ZoneVersions);
        batch.Execute();
        var versionOf = (await versions.ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => (long)e.Value, StringComparer.Ordinal);
        var zones = new List<IntegrationZone>();
        foreach (var entry in await definitions.ConfigureAwait(false))
        {
            zones.Add(StoreJson.Deserialize<IntegrationZone>(entry.Value.ToString()) with { Version = versionOf.GetValueOrDefault(entry.Name.ToString()) });
        }

        zones.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        IReadOnlyList<IntegrationZone> loaded = zones;
        if (generation == Volatile.Read(ref _generation))
        {
            _zones = loaded;
        }

        return loaded;
    }

    /// <summary>The key slot of the zones, whose outbox holds the versions owed to cities (<see cref="ZonePush"/>).</summary>
    public int OutboxSlot { get; }

    /// <summary>
    /// At the publishing province: stores <paramref name="zone"/> (validated by the caller) as the next version of the
    /// zone of its name, once per <paramref name="msgid"/> (a replay with the same <paramref name="digest"/> answers the
    /// version it published; another digest is a conflict), and owes that version to each of <paramref name="cities"/>
    /// in the zones' outbox (<see cref="ZonePush"/>).
    /// </summary>
    public async Task<(PublishResult Result, long Version)> PublishAsync(IntegrationZone zone, string msgid, byte[] digest, IReadOnlyList<string> cities)
    {
        var args = new ScriptArguments(4 + cities.Count).Add(msgid).Add(digest).Add(zone.Name).Add(StoreJson.Serialize(zone with { Version = 0 }));
        foreach (var city in cities)
        {
            args.Add(city);
        }

        var reply = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.PublishZone,
            [_keys.ZoneDefinitions, _keys.ZoneVersions, _keys.ZoneMessages, _keys.OutboxAt(OutboxSlot)],
            args.ToArray()).ConfigureAwait(false))!;
        var result = ScriptReplies.PublishZone.Decode(reply);
        if (result == PublishResult.Published)
        {
            await AnnounceAsync().ConfigureAwait(false);
        }

        return (result, result == PublishResult.MsgidConflict ? 0 : (long)reply[1]);
    }

    /// <summary>
    /// At a province: owes the newest version of every zone it holds to each of <paramref name="cities"/> in the zones'
    /// outbox (<see cref="ZonePush"/>), so a city that joined since, or lost its store, is sent them; a city holding a
    /// version keeps it unchanged. Returns how many entries it wrote (zones × cities).
    /// </summary>
    public async Task<int> OweAllAsync(IReadOnlyList<string> cities)
    {
        var owed = new List<HashEntry>();
        foreach (var zone in await GetAllAsync().ConfigureAwait(false))
        {
            foreach (var city in cities)
            {
                var entry = ZonePush.Entry(city, zone);
                owed.Add(new HashEntry(entry.Field, entry.Payload));
            }
        }

        if (owed.Count > 0)
        {
            await _db.HashSetAsync(_keys.OutboxAt(OutboxSlot), [.. owed]).ConfigureAwait(false);
        }

        return owed.Count;
    }

    /// <summary>At a member city: takes a zone its province handed down unless it holds that version or a newer one.</summary>
    public async Task<(CacheZoneResult Result, long HeldVersion)> CacheAsync(IntegrationZone zone)
    {
        var reply = (RedisResult[])(await _db.EvaluateCommitAsync(
            Scripts.CacheZone,
            [_keys.ZoneDefinitions, _keys.ZoneVersions],
            new ScriptArguments(3).Add(zone.Name).Add(zone.Version).Add(StoreJson.Serialize(zone with { Version = 0 })).ToArray()).ConfigureAwait(false))!;
        var result = ScriptReplies.CacheZone.Decode(reply);
        if (result == CacheZoneResult.Cached)
        {
            await AnnounceAsync().ConfigureAwait(false);
        }

        return (result, (long)reply[1]);
    }

    private void Forget()
    {
        Interlocked.Increment(ref _generation);
        _zones = null;
    }

    private async Task AnnounceAsync()
    {
        Forget();
        await _db.PublishAsync(_keys.Invalidations, _keys.ZoneDefinitions.ToString()).ConfigureAwait(false);
    }
}
