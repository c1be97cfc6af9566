namespace Adjudication.Domain.Policy;

/// <summary>
/// Cities whose residents are treated across the zone without a filing, at a reduced ratio (DESIGN.md §5),
/// e.g. the central Shanxi city cluster. Members are city codes (PPCC00) of one province, which defines the zone once
/// for every member city (DESIGN.md §12).
/// </summary>
public sealed record IntegrationZone(string Name, IReadOnlyList<string> Members, int ReductionBp)
{
    /// <summary>Assigned by the province at each publication of the zone; a member city keeps the highest it was given.</summary>
    public long Version { get; init; }

    /// <summary>Whether both cities are members.</summary>
    public bool Contains(string cityA, string cityB)
    {
        var a = false;
        var b = false;
        for (var i = 0; i < Members.Count; i++)
        {
            var member = Members[i];
            a |= member == cityA;
            b |= member == cityB;
        }

        return a && b;
    }

    /// <summary>The zone of <paramref name="zones"/> holding both cities with the smallest reduction, if any.</summary>
    public static IntegrationZone? Joining(IReadOnlyList<IntegrationZone> zones, string cityA, string cityB)
    {
        IntegrationZone? best = null;
        for (var i = 0; i < zones.Count; i++)
        {
            var zone = zones[i];
            if (zone.Contains(cityA, cityB) && (best is null || zone.ReductionBp < best.ReductionBp))
            {
                best = zone;
            }
        }

        return best;
    }
}
