namespace Adjudication.Domain.Policy;

/// <summary>
/// Every published version of one city's policy for one insurance type (DESIGN.md §12), ordered by effective date and,
/// on the same date, by version: the later publication wins. Immutable; a publication makes a new set.
/// </summary>
public sealed class PolicyVersions
{
    private readonly SettlementPolicy[] _byEffectiveDate;

    /// <summary>Takes the versions in any order.</summary>
    public PolicyVersions(IEnumerable<SettlementPolicy> versions)
    {
        _byEffectiveDate = [.. versions.OrderBy(v => v.EffectiveDate).ThenBy(v => v.Version)];
        All = [.. _byEffectiveDate.OrderBy(v => v.Version)];
    }

    /// <summary>No version at all.</summary>
    public static PolicyVersions None { get; } = new([]);

    /// <summary>Every version, in publication order (oldest first).</summary>
    public IReadOnlyList<SettlementPolicy> All { get; }

    /// <summary>
    /// The version in force on <paramref name="date"/>: the latest effective on or before it (a visit settles under the
    /// version in force at its start, DESIGN.md §12); null when none is in force yet.
    /// </summary>
    public SettlementPolicy? InForceOn(DateOnly date)
    {
        // Backwards over a handful of versions: no allocation on the settle path.
        for (var i = _byEffectiveDate.Length - 1; i >= 0; i--)
        {
            if (_byEffectiveDate[i].EffectiveDate <= date)
            {
                return _byEffectiveDate[i];
            }
        }

        return null;
    }

    /// <summary>The version numbered <paramref name="version"/>, or null.</summary>
    public SettlementPolicy? Find(long version)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Version == version)
            {
                return All[i];
            }
        }

        return null;
    }
}
