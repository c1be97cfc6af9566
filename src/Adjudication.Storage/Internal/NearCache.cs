using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Memory;

namespace Adjudication.Storage.Internal;

/// <summary>
/// A store's near cache of snapshots: at most 100,000 entries; when it is full, MemoryCache compacts the least recently
/// used away.
/// </summary>
/// <param name="name">The cache's name in the hit/miss metric (<see cref="StoreMetrics"/>).</param>
internal sealed class NearCache<TSnapshot>(string name) : IDisposable
    where TSnapshot : class
{
    // Set copies what it needs from the options, so one instance serves every entry (no allocation per commit).
    private static readonly MemoryCacheEntryOptions OneEntry = new() { Size = 1 };
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public bool TryGet(string key, [NotNullWhen(true)] out TSnapshot? snapshot)
    {
        var hit = _cache.TryGetValue(key, out snapshot) && snapshot is not null;
        StoreMetrics.CacheLookup(name, hit);
        return hit;
    }

    public void Set(string key, TSnapshot snapshot) => _cache.Set(key, snapshot, OneEntry);

    public void Remove(string key) => _cache.Remove(key);

    public void Dispose() => _cache.Dispose();
}
