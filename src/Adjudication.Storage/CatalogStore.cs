using System.Globalization;
using Adjudication.Domain.Catalog;
using Adjudication.Domain.Time;
using Adjudication.Storage.Internal;
using StackExchange.Redis;

namespace Adjudication.Storage;

/// <summary>
/// The treatment region's catalog: immutable versions stored in Redis and loaded into an in-memory
/// <see cref="CatalogSet"/> that classification reads without locks or I/O (DESIGN.md §6).
/// </summary>
public sealed class CatalogStore
{
    // Versions added or dropped that together hold this many entries return their memory at once (see Replace).
    private const long LargeChangeEntries = 50_000;

    private static readonly TimeSpan TrimDelay = TimeSpan.FromSeconds(1);

    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly string _region;
    private readonly TimeProvider _clock;
    private readonly int _lookBackYears;
    private readonly Lock _trimLock = new();
    private volatile InMemory _inMemory = new(CatalogSet.Empty, DateOnly.MinValue);
    private ITimer? _trim;

    /// <summary>
    /// Creates the store for the catalog of <paramref name="region"/> (the node's division). Memory holds the versions
    /// in force on some day from 1 January of <paramref name="lookBackYears"/> calendar years before the current one
    /// (China time, from <paramref name="clock"/>); older versions stay in Redis only.
    /// </summary>
    public CatalogStore(IConnectionMultiplexer redis, RedisStoreOptions options, string region, TimeProvider? clock = null, int lookBackYears = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lookBackYears);
        _db = redis.GetDatabase();
        _keys = new RedisKeys(options.KeyPrefix);
        _region = region;
        _clock = clock ?? TimeProvider.System;
        _lookBackYears = lookBackYears;
        Invalidations.Subscribe(redis, _keys.Invalidations, key =>
        {
            if (key == _keys.CatalogIndex(_region).ToString())
            {
                _ = ReloadQuietlyAsync();
            }
        });

        // A node that started while Redis was down, or missed a publication while disconnected, catches up here.
        redis.ConnectionRestored += (_, _) => _ = ReloadQuietlyAsync();
    }

    /// <summary>
    /// The versions in memory: those in force on some day from <see cref="ServedFrom"/> on. A node that runs across
    /// New Year drops, at its first read of the new year, the versions that went out of the look-back, as a restarted
    /// node would not load them: the same lookups answer the same on both.
    /// </summary>
    public CatalogSet Current
    {
        get
        {
            var inMemory = _inMemory;
            var from = ServedFrom;
            if (from > inMemory.From)
            {
                Replace(inMemory.Set.InForceFrom(from));
                return _inMemory.Set;
            }

            return inMemory.Set;
        }
    }

    /// <summary>
    /// The first fee date the in-memory catalog serves: 1 January of the look-back's first year. Versions in force only
    /// before it are not in memory, and a lookup for an earlier date finds no version (CATALOG_NOT_FOUND).
    /// </summary>
    public DateOnly ServedFrom => new(ChinaTime.Now(_clock).Year - _lookBackYears, 1, 1);

    /// <summary>
    /// Loads the versions in force on some day from <see cref="ServedFrom"/> on into memory; versions already in memory
    /// are kept as they are (a version is immutable), so a reload after a publication reads only the new one.
    /// </summary>
    public async Task LoadAsync()
    {
        var index = await _db.HashGetAllAsync(_keys.CatalogIndex(_region)).ConfigureAwait(false);
        var dated = index.Select(e => (Version: e.Name.ToString(), EffectiveDate: DateOnly.ParseExact(e.Value.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList();
        var needed = CatalogSet.InForceFrom(dated, ServedFrom);
        var loaded = _inMemory.Set;
        var versions = new List<CatalogVersion>(needed.Count);
        foreach (var (version, date) in dated.Where(v => needed.Contains(v.Version)))
        {
            if (loaded.Find(version) is { } inMemory && inMemory.EffectiveDate == date)
            {
                versions.Add(inMemory);
                continue;
            }

            var json = await _db.StringGetAsync(_keys.CatalogVersion(_region, version)).ConfigureAwait(false);
            if (!json.IsNull)
            {
                versions.Add(new CatalogVersion(version, date, StoreJson.Deserialize<List<CatalogEntry>>(json.ToString())));
            }
        }

        Replace(new CatalogSet(versions));
    }

    // A large version added or dropped leaves a hundred megabytes or more of garbage (the published message, its JSON,
    // the parsed entries, the version it replaces), most of it in the large-object heap, in a process that may allocate
    // little afterwards: no collection would come to give that memory back. Catalogs change rarely (a province publishes
    // monthly at most), so one compacting collection that returns memory to the system is cheap. It runs a moment after
    // the last large change, once the publishing call has finished and its message is garbage too.
    private void Replace(CatalogSet next)
    {
        var before = _inMemory.Set;
        _inMemory = new InMemory(next, ServedFrom);
        var changed = before.Versions.Except(next.Versions).Concat(next.Versions.Except(before.Versions)).Sum(v => (long)v.Count);
        if (changed >= LargeChangeEntries)
        {
            lock (_trimLock)
            {
                _trim ??= _clock.CreateTimer(static _ => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _trim.Change(TrimDelay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    // The set and the first date it was trimmed for, read and replaced together.
    private sealed record InMemory(CatalogSet Set, DateOnly From);

    private async Task ReloadQuietlyAsync()
    {
        try
        {
            await LoadAsync().ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // The store went away again; the next ConnectionRestored reloads.
        }
    }

    /// <summary>
    /// Publishes a version. Returns false when the version id already exists with other content (versions are immutable);
    /// publishing identical content again is a no-op that returns true.
    /// </summary>
    public async Task<bool> PublishAsync(CatalogVersion version)
    {
        var json = StoreJson.Serialize(version.Entries.OrderBy(e => e.Code, StringComparer.Ordinal).ToList());
        var key = _keys.CatalogVersion(_region, version.Version);
        if (!await _db.StringSetAsync(key, json, when: When.NotExists).ConfigureAwait(false))
        {
            var existing = await _db.StringGetAsync(key).ConfigureAwait(false);
            if (existing != json)
            {
                return false;
            }
        }

        var indexKey = _keys.CatalogIndex(_region);
        await _db.HashSetAsync(indexKey, version.Version, version.EffectiveDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ConfigureAwait(false);
        Replace(_inMemory.Set.With(version).InForceFrom(ServedFrom));
        await _db.PublishAsync(_keys.Invalidations, indexKey.ToString()).ConfigureAwait(false);
        return true;
    }
}
