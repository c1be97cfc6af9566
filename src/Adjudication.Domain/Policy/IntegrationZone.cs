namespace Adjudication.Domain.Policy;

/// <summary>
/// Cities whose residents are treated across the zone without a filing, at a reduced ratio (DESIGN.md §5),
/// e.g. the central Shanxi city cluster. Members are city codes (PPCC00).
/// </summary>
public sealed record IntegrationZone(string Name, IReadOnlyList<string> Members, int ReductionBp)
{
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
}
