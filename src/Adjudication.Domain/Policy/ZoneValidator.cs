using Adjudication.Domain.Divisions;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Policy;

/// <summary>
/// Checks an integration zone before a province publishes it (DESIGN.md §5, §12), naming every problem by its field:
/// a name, at least two distinct member cities (PPCC00) all of the publishing province, a reduction within 0-100%.
/// </summary>
public static class ZoneValidator
{
    /// <summary>Longest zone name accepted (characters).</summary>
    public const int MaxNameLength = 64;

    /// <summary>Most member cities of one zone.</summary>
    public const int MaxMembers = 64;

    /// <summary>Every problem of <paramref name="zone"/> published by <paramref name="province"/>; empty when usable.</summary>
    public static IReadOnlyList<FieldViolation> Problems(IntegrationZone zone, string province)
    {
        var problems = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(zone.Name) || zone.Name.Length > MaxNameLength)
        {
            problems.Add(new FieldViolation("name", $"is required and at most {MaxNameLength} characters"));
        }

        if (zone.Members.Count is < 2 or > MaxMembers)
        {
            problems.Add(new FieldViolation("member_admdvs", $"must list 2 to {MaxMembers} member cities"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < zone.Members.Count && i < MaxMembers; i++)
        {
            var member = zone.Members[i];
            var field = $"member_admdvs[{i}]";
            if (!Admdvs.IsValid(member) || Admdvs.IsProvince(member) || Admdvs.CityOf(member) != member)
            {
                problems.Add(new FieldViolation(field, "must be a city code PPCC00, e.g. 140100"));
            }
            else if (Admdvs.ProvinceOf(member) != province)
            {
                problems.Add(new FieldViolation(field, $"{member} is not a city of {province}; a province defines zones of its own cities only"));
            }
            else if (!seen.Add(member))
            {
                problems.Add(new FieldViolation(field, $"{member} is listed twice"));
            }
        }

        if (!BasisPoints.IsValidRatio(zone.ReductionBp))
        {
            problems.Add(new FieldViolation("reduction_bp", $"is {zone.ReductionBp} bp; must be 0-10000"));
        }

        return problems;
    }
}
