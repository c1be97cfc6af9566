namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>cache_filing.lua</c> (DESIGN.md §3: a cache never takes an older version).</summary>
public enum CacheFilingResult
{
    /// <summary><c>cached</c>: the pushed version is held now.</summary>
    Cached,

    /// <summary><c>kept</c>: an equal or newer version was held and stays.</summary>
    Kept,
}
