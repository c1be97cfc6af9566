namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>cache_zone.lua</c>: a member city never takes an older version of a zone.</summary>
public enum CacheZoneResult
{
    /// <summary><c>cached</c>: the handed-down version is held now.</summary>
    Cached,

    /// <summary><c>kept</c>: an equal or newer version was held and stays.</summary>
    Kept,
}
