using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Policy;

/// <summary>
/// Checks policy data before it is stored: ratios within 0-100%, bands ordered, and reductions within the caps
/// from the field (DESIGN.md §4.2 step 2: referral and emergency 0 in province and at most 10 points across;
/// other temporary at most 15 in province and 20 across; long-term 0).
/// </summary>
public static class PolicyValidator
{
    /// <summary>Every problem found, empty when the policy is usable.</summary>
    public static IReadOnlyList<string> Validate(SettlementPolicy policy)
    {
        var problems = new List<string>();
        foreach (var rule in policy.Ratios)
        {
            if (!BasisPoints.IsValidRatio(rule.RatioBp))
            {
                problems.Add($"ratio for {rule.Group} is {rule.RatioBp} bp; must be 0-10000");
            }
        }

        foreach (var r in policy.Reductions)
        {
            var cap = ReductionCap(r.Class, r.Scope);
            if (r.ReductionBp < 0 || r.ReductionBp > cap)
            {
                problems.Add($"reduction for {r.Class} {r.Scope} is {r.ReductionBp} bp; the cap is {cap} bp");
            }
        }

        foreach (var zone in policy.IntegrationZones)
        {
            if (!BasisPoints.IsValidRatio(zone.ReductionBp))
            {
                problems.Add($"zone {zone.Name} reduction is {zone.ReductionBp} bp; must be 0-10000");
            }
        }

        foreach (var d in policy.Deductibles)
        {
            if (d.Amount < Money.Zero)
            {
                problems.Add($"deductible for {d.Group} is negative");
            }
        }

        ValidateLayers(policy.FundLayers, problems);
        return problems;
    }

    // DESIGN.md §4.3: one layer per fund type (its accumulators are keyed by it), ordered bands within 0-100%, and no fen
    // of the cumulative eligible amount paid by the basic fund and by another layer everyone has.
    private static void ValidateLayers(IReadOnlyList<FundLayer> layers, List<string> problems)
    {
        var seen = new HashSet<FundPayType>();
        foreach (var layer in layers)
        {
            if (layer.FundPayType == FundPayType.Unspecified || !seen.Add(layer.FundPayType))
            {
                problems.Add($"fund layer {(int)layer.FundPayType} must name a national fund type, once per policy");
            }

            if (layer.YearlyCap < Money.Zero)
            {
                problems.Add($"fund layer {(int)layer.FundPayType} has a negative yearly cap");
            }

            ValidateBands(layer, problems);
        }

        foreach (var basic in layers)
        {
            if (!basic.PaysAtVisitRatio)
            {
                continue;
            }

            foreach (var other in layers)
            {
                if (other != basic && other.Coverage == FundCoverage.Everyone && other.Measure == FundMeasure.CumulativeEligible
                    && Overlaps(basic.Bands, other.Bands))
                {
                    problems.Add($"{(int)other.FundPayType} bands must start at or above the basic band limit, or the two layers would pay the same fen twice");
                }
            }
        }
    }

    private static void ValidateBands(FundLayer layer, List<string> problems)
    {
        var previousHi = long.MinValue;
        foreach (var band in layer.Bands)
        {
            if (band.Lo < 0 || band.Hi <= band.Lo || band.Lo < previousHi || !BasisPoints.IsValidRatio(band.RatioBp))
            {
                problems.Add($"{(int)layer.FundPayType} band [{band.Lo}, {band.Hi}) at {band.RatioBp} bp must be ordered, non-overlapping and 0-10000 bp");
            }

            previousHi = band.Hi;
        }
    }

    private static bool Overlaps(IReadOnlyList<Band> a, IReadOnlyList<Band> b)
    {
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (Math.Max(x.Lo, y.Lo) < Math.Min(x.Hi, y.Hi))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The field cap for a reduction, in basis points.</summary>
    public static int ReductionCap(FilingClass filingClass, Scope scope) => (filingClass, scope) switch
    {
        (FilingClass.Referral or FilingClass.Emergency, Scope.InProvince) => 0,
        (FilingClass.Referral or FilingClass.Emergency, Scope.CrossProvince) => 1_000,
        (FilingClass.OtherTemporary, Scope.InProvince) => 1_500,
        (FilingClass.OtherTemporary, Scope.CrossProvince) => 2_000,
        _ => 0,
    };
}
