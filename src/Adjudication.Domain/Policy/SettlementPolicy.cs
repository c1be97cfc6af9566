using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Errors;

namespace Adjudication.Domain.Policy;

/// <summary>
/// The insured region's policy for one insurance type (参保地政策, DESIGN.md §4.2).
/// Immutable; a change is a new <see cref="Version"/>, in force from its <see cref="EffectiveDate"/> (DESIGN.md §12).
/// <see cref="FundLayers"/> apply in order (DESIGN.md §4.3): the basic fund first, then the second layer, the subsidies
/// and supplementary schemes, medical assistance last. Integration zones are not part of a city's policy: the province
/// defines them once for every member city (<see cref="IntegrationZone"/>, DESIGN.md §5).
/// </summary>
public sealed record SettlementPolicy(
    string InsuplcAdmdvs,
    Insutype Insutype,
    long Version,
    IReadOnlyList<DeductibleRule> Deductibles,
    IReadOnlyList<RatioRule> Ratios,
    IReadOnlyList<Reduction> Reductions,
    IReadOnlyList<FundLayer> FundLayers)
{
    /// <summary>
    /// Visits starting on or after this date settle under this version until a later version takes effect; the default
    /// (0001-01-01) is in force from the start.
    /// </summary>
    public DateOnly EffectiveDate { get; init; }

    /// <summary>The ratio for the visit: the most specific matching rule (DESIGN.md §4.2 step 2).</summary>
    public int RatioFor(MedGroup group, HospitalLevel level, PersonType personType)
    {
        RatioRule? best = null;
        var bestScore = -1;
        // Indexed loops: foreach over an IReadOnlyList allocates an enumerator on this hot path.
        for (var i = 0; i < Ratios.Count; i++)
        {
            var rule = Ratios[i];
            if (rule.Group != group || (rule.Level is { } l && l != level) || (rule.PersonType is { } p && p != personType))
            {
                continue;
            }

            var score = (rule.Level is null ? 0 : 2) + (rule.PersonType is null ? 0 : 1);
            if (score > bestScore)
            {
                best = rule;
                bestScore = score;
            }
        }

        return best?.RatioBp ?? throw Incomplete($"no ratio for med group {group}, level {level}, person type {personType}");
    }

    /// <summary>The deductible rule for the visit: a level-specific rule beats a general one; none means no deductible.</summary>
    public DeductibleRule? DeductibleFor(MedGroup group, HospitalLevel level)
    {
        DeductibleRule? general = null;
        for (var i = 0; i < Deductibles.Count; i++)
        {
            var rule = Deductibles[i];
            if (rule.Group != group)
            {
                continue;
            }

            if (rule.Level == level)
            {
                return rule;
            }

            if (rule.Level is null)
            {
                general = rule;
            }
        }

        return general;
    }

    /// <summary>The reduction for a filing class and scope; none configured means 0.</summary>
    public int ReductionFor(FilingClass filingClass, Scope scope)
    {
        for (var i = 0; i < Reductions.Count; i++)
        {
            var r = Reductions[i];
            if (r.Class == filingClass && r.Scope == scope)
            {
                return r.ReductionBp;
            }
        }

        return 0;
    }

    private AdjudicationException Incomplete(string what) => new(
        ErrorKind.FailedPrecondition,
        "POLICY_INCOMPLETE",
        $"The {Insutype} policy of {InsuplcAdmdvs} (version {Version}) has {what}; the insured region's agency must complete the policy data.");
}
