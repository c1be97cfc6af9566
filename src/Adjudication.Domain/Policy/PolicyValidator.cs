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

        if (policy.BasicBandLimit < Money.Zero || policy.BasicCeiling < Money.Zero)
        {
            problems.Add("basic band limit and ceiling must be non-negative");
        }

        var previousHi = long.MinValue;
        foreach (var band in policy.SecondLayer.Bands)
        {
            if (band.Lo < 0 || band.Hi <= band.Lo || band.Lo < previousHi || !BasisPoints.IsValidRatio(band.RatioBp))
            {
                problems.Add($"second-layer band [{band.Lo}, {band.Hi}) at {band.RatioBp} bp must be ordered, non-overlapping and 0-10000 bp");
            }

            previousHi = band.Hi;
        }

        if (policy.SecondLayerKind == SecondLayerKind.LargeAmount
            && policy.SecondLayer.Bands.Count > 0 && policy.SecondLayer.Bands[0].Lo < policy.BasicBandLimit.Fen)
        {
            problems.Add("large-amount bands must start at or above the basic band limit, or the two layers would pay the same fen twice");
        }

        if (policy.Assistance is { } aid && !BasisPoints.IsValidRatio(aid.RatioBp))
        {
            problems.Add($"assistance ratio is {aid.RatioBp} bp; must be 0-10000");
        }

        return problems;
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
