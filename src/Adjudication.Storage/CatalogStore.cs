using System.Globalization;
using Adjudication.Domain.Catalog;
using Adjudication.Storage.Internal;
using StackExchange.Redis;

namespace Adjudication.Storage;

/// <summary>
/// The treatment region's catalog: immutable versions stored in Redis and loaded into an in-memory
/// <see cref="CatalogSet"/> that classification reads without locks or I/O (DESIGN.md §6).
/// </summary>
public sealed class CatalogStore
{
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly string _region;
    private volatile CatalogSet _current = CatalogSet.Empty;

    /// <summary>Creates the store for the catalog of <paramref name="region"/> (the node's division).</summary>
    public CatalogStore(IConnectionMultiplexer redis, RedisStoreOptions options, string region)
    {
        _db = redis.GetDatabase();
        _keys = new RedisKeys(options.KeyPrefix);
        _region = region;
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

    /// <summary>Every version loaded so far.</summary>
    public CatalogSet Current => _current;

    /// <summary>Loads every stored version into memory.</summary>
    public async Task LoadAsync()
    {
        var index = await _db.HashGetAllAsync(_keys.CatalogIndex(_region)).ConfigureAwait(false);
        var versions = new List<CatalogVersion>(index.Length);
        foreach (var entry in index)
        {
            var version = entry.Name.ToString();
            var json = await _db.StringGetAsync(_keys.CatalogVersion(_region, version)).ConfigureAwait(false);
            if (!json.IsNull)
            {
                var date = DateOnly.ParseExact(entry.Value.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                versions.Add(new CatalogVersion(version, date, StoreJson.Deserialize<List<CatalogEntry>>(json.ToString())));
            }
        }

        _current = new CatalogSet(versions);
    }

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
        _current = _current.With(version);
        await _db.PublishAsync(_keys.Invalidations, indexKey.ToString()).ConfigureAwait(false);
        return true;
    }
}
