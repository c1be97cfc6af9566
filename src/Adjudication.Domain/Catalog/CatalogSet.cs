namespace Adjudication.Domain.Catalog;

/// <summary>
/// All published versions of a region's catalog, immutable; picks the version in force on a fee date
/// (DESIGN.md §4.1 "in the catalog version in force on the fee date"). A new set replaces the old one
/// atomically when a version is published, so readers never lock.
/// </summary>
public sealed class CatalogSet
{
    private readonly CatalogVersion[] _byEffectiveDate;

    /// <summary>An empty set: every code is unknown.</summary>
    public static readonly CatalogSet Empty = new([]);

    /// <summary>Orders the versions by effective date.</summary>
    public CatalogSet(IEnumerable<CatalogVersion> versions)
    {
        _byEffectiveDate = [.. versions.OrderBy(v => v.EffectiveDate).ThenBy(v => v.Version, StringComparer.Ordinal)];
    }

    /// <summary>The versions, oldest first.</summary>
    public IReadOnlyList<CatalogVersion> Versions => _byEffectiveDate;

    /// <summary>A new set with one more version.</summary>
    public CatalogSet With(CatalogVersion version) =>
        new(_byEffectiveDate.Where(v => v.Version != version.Version).Append(version));

    /// <summary>
    /// A set of only the versions in force on some day from <paramref name="from"/> on: the one in force on that day and
    /// every later one. Fee dates before <paramref name="from"/> then find no version.
    /// </summary>
    public CatalogSet InForceFrom(DateOnly from)
    {
        var first = InForceOn(from) is { } inForce ? Array.IndexOf(_byEffectiveDate, inForce) : 0;
        return first == 0 ? this : new CatalogSet(_byEffectiveDate[first..]);
    }

    /// <summary>
    /// Of <paramref name="versions"/> (id and effective date), the ids of those in force on some day from
    /// <paramref name="from"/> on, by the same rule as <see cref="InForceFrom(DateOnly)"/>, so a store loads only these.
    /// </summary>
    public static IReadOnlySet<string> InForceFrom(IEnumerable<(string Version, DateOnly EffectiveDate)> versions, DateOnly from)
    {
        var ordered = versions.OrderBy(v => v.EffectiveDate).ThenBy(v => v.Version, StringComparer.Ordinal).ToList();
        var first = ordered.FindLastIndex(v => v.EffectiveDate <= from);
        return ordered.Skip(Math.Max(first, 0)).Select(v => v.Version).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The version in force on <paramref name="date"/>: the latest effective on or before it.</summary>
    public CatalogVersion? InForceOn(DateOnly date)
    {
        CatalogVersion? found = null;
        foreach (var version in _byEffectiveDate)
        {
            if (version.EffectiveDate > date)
            {
                break;
            }

            found = version;
        }

        return found;
    }

    /// <summary>A version by id.</summary>
    public CatalogVersion? Find(string version)
    {
        foreach (var v in _byEffectiveDate)
        {
            if (v.Version == version)
            {
                return v;
            }
        }

        return null;
    }
}
