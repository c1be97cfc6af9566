using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Policy;

/// <summary>
/// Checks policy data before it is stored, whole, naming every problem by its field (DESIGN.md §7, §12): codes defined,
/// ratios within 0-100%, amounts and caps not negative, one rule per key, bands ordered, one basic fund and layers that
/// never pay one fen twice (§4.3), and reductions within the caps from the field (§4.2 step 2: referral and emergency 0
/// in province and at most 10 points across; other temporary at most 15 in province and 20 across; long-term 0).
/// Field names are those of the contract (<c>fund_layers[1].bands[0].ratio_bp</c>).
/// </summary>
public static class PolicyValidator
{
    /// <summary>Every problem found as "field: what is wrong", empty when the policy is usable.</summary>
    public static IReadOnlyList<string> Validate(SettlementPolicy policy) =>
        [.. Problems(policy).Select(p => $"{p.Field}: {p.Description}")];

    /// <summary>Every problem found, each naming its field; empty when the policy is usable.</summary>
    public static IReadOnlyList<FieldViolation> Problems(SettlementPolicy policy)
    {
        var problems = new List<FieldViolation>();
        CheckDeductibles(policy.Deductibles, problems);
        CheckRatios(policy.Ratios, problems);
        CheckReductions(policy.Reductions, problems);
        CheckLayers(policy.FundLayers, problems);
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

    private static void CheckDeductibles(IReadOnlyList<DeductibleRule> deductibles, List<FieldViolation> problems)
    {
        var seen = new Dictionary<(MedGroup, HospitalLevel?), int>();
        for (var i = 0; i < deductibles.Count; i++)
        {
            var d = deductibles[i];
            var at = $"deductibles[{i}]";
            CheckGroup($"{at}.med_group", d.Group, problems);
            CheckLevel($"{at}.hosp_lv", d.Level, problems);
            Require(problems, Enum.IsDefined(d.Basis), $"{at}.basis", $"value {(int)d.Basis} is not a known code (1 yearly, 2 per visit)");
            Require(problems, d.Amount >= Money.Zero, $"{at}.amount", $"deductible for {d.Group} is {d.Amount.Fen} fen; must not be negative");
            Require(problems, seen.TryAdd((d.Group, d.Level), i), at, $"repeats the med group and level of deductibles[{seen.GetValueOrDefault((d.Group, d.Level))}]; one rule per key");
        }
    }

    private static void CheckRatios(IReadOnlyList<RatioRule> ratios, List<FieldViolation> problems)
    {
        var seen = new Dictionary<(MedGroup, HospitalLevel?, PersonType?), int>();
        for (var i = 0; i < ratios.Count; i++)
        {
            var rule = ratios[i];
            var at = $"ratios[{i}]";
            CheckGroup($"{at}.med_group", rule.Group, problems);
            CheckLevel($"{at}.hosp_lv", rule.Level, problems);
            Require(problems, rule.PersonType is null || (Enum.IsDefined(rule.PersonType.Value) && rule.PersonType != PersonType.Unspecified),
                $"{at}.psn_type", $"value {(int?)rule.PersonType} is not a known code");
            Require(problems, BasisPoints.IsValidRatio(rule.RatioBp), $"{at}.ratio_bp", $"ratio for {rule.Group} is {rule.RatioBp} bp; must be 0-10000");
            var key = (rule.Group, rule.Level, rule.PersonType);
            Require(problems, seen.TryAdd(key, i), at, $"repeats the med group, level and person type of ratios[{seen.GetValueOrDefault(key)}]; one rule per key");
        }
    }

    private static void CheckReductions(IReadOnlyList<Reduction> reductions, List<FieldViolation> problems)
    {
        var seen = new Dictionary<(FilingClass, Scope), int>();
        for (var i = 0; i < reductions.Count; i++)
        {
            var r = reductions[i];
            var at = $"reductions[{i}]";
            Require(problems, FilingClasses.IsDefined(r.Class) && r.Class != FilingClass.ChronicDisease, $"{at}.filing_class",
                $"value {(int)r.Class} is not a filing class with a destination (1-6)");
            Require(problems, r.Scope is Scope.InProvince or Scope.CrossProvince, $"{at}.scope", $"value {(int)r.Scope} is not a known scope (1 in province, 2 across)");
            var cap = ReductionCap(r.Class, r.Scope);
            Require(problems, r.ReductionBp >= 0 && r.ReductionBp <= cap, $"{at}.reduction_bp", $"reduction for {r.Class} {r.Scope} is {r.ReductionBp} bp; the cap is {cap} bp");
            Require(problems, seen.TryAdd((r.Class, r.Scope), i), at, $"repeats the filing class and scope of reductions[{seen.GetValueOrDefault((r.Class, r.Scope))}]; one rule per key");
        }
    }

    // DESIGN.md §4.3: one layer per fund type (its accumulators are keyed by it), exactly one basic fund over the
    // cumulative eligible amount, ordered bands within 0-100%, and no fen of the cumulative eligible amount paid by the
    // basic fund and by another layer everyone has.
    private static void CheckLayers(IReadOnlyList<FundLayer> layers, List<FieldViolation> problems)
    {
        var seen = new HashSet<FundPayType>();
        var basic = -1;
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var at = $"fund_layers[{i}]";
            // Any positive national code: adding a layer of a new fund type is data, never code (DESIGN.md §4.3).
            Require(problems, layer.FundPayType > FundPayType.Unspecified && seen.Add(layer.FundPayType), $"{at}.fund_pay_type",
                $"fund layer {(int)layer.FundPayType} must name a national fund type (e.g. 310100, 330100, 390200, 610100), once per policy");
            Require(problems, Enum.IsDefined(layer.Coverage), $"{at}.coverage", $"value {(int)layer.Coverage} is not a known coverage");
            Require(problems, Enum.IsDefined(layer.Measure), $"{at}.measure", $"value {(int)layer.Measure} is not a known measure");
            Require(problems, layer.YearlyCap >= Money.Zero, $"{at}.yearly_cap", $"fund layer {(int)layer.FundPayType} has a negative yearly cap");
            CheckBands(at, layer, problems);
            if (layer.PaysAtVisitRatio)
            {
                Require(problems, basic < 0, $"{at}.pays_at_visit_ratio", $"fund_layers[{basic}] is the basic fund already; a policy has exactly one");
                Require(problems, layer.Coverage == FundCoverage.Everyone && layer.Measure == FundMeasure.CumulativeEligible, at,
                    "the basic fund covers everyone over the cumulative eligible amount (DESIGN.md §4.2 step 4)");
                basic = basic < 0 ? i : basic;
            }
        }

        Require(problems, basic >= 0, "fund_layers", "must hold the basic fund: one layer with pays_at_visit_ratio (DESIGN.md §4.2 step 4)");
        if (basic >= 0)
        {
            CheckOverlapWithBasic(layers, basic, problems);
        }
    }

    private static void CheckOverlapWithBasic(IReadOnlyList<FundLayer> layers, int basic, List<FieldViolation> problems)
    {
        for (var i = 0; i < layers.Count; i++)
        {
            var other = layers[i];
            if (i != basic && other.Coverage == FundCoverage.Everyone && other.Measure == FundMeasure.CumulativeEligible
                && Overlaps(layers[basic].Bands, other.Bands))
            {
                problems.Add(new FieldViolation($"fund_layers[{i}].bands",
                    $"{(int)other.FundPayType} bands must start at or above the basic band limit, or the two layers would pay the same fen twice"));
            }
        }
    }

    private static void CheckBands(string layerPath, FundLayer layer, List<FieldViolation> problems)
    {
        var previousHi = long.MinValue;
        for (var j = 0; j < layer.Bands.Count; j++)
        {
            var band = layer.Bands[j];
            var at = $"{layerPath}.bands[{j}]";
            var text = $"{(int)layer.FundPayType} band [{band.Lo}, {band.Hi}) at {band.RatioBp} bp";
            Require(problems, band.Lo >= 0, $"{at}.lo", $"{text}: lo must not be negative");
            Require(problems, band.Hi > band.Lo, $"{at}.hi", $"{text}: hi must be above lo (0 for unbounded)");
            Require(problems, band.Lo >= previousHi, $"{at}.lo", $"{text}: bands must be ordered and non-overlapping; this one starts below the previous band's end {previousHi}");
            Require(problems, BasisPoints.IsValidRatio(band.RatioBp), $"{at}.ratio_bp", $"{text}: ratio must be 0-10000 bp");
            previousHi = Math.Max(previousHi, band.Hi);
        }
    }

    private static void CheckGroup(string field, MedGroup group, List<FieldViolation> problems) =>
        Require(problems, Enum.IsDefined(group), field, $"value {(int)group} is not a known med group (1 outpatient, 2 chronic outpatient, 3 inpatient, 4 pharmacy)");

    private static void CheckLevel(string field, HospitalLevel? level, List<FieldViolation> problems) =>
        Require(problems, level is null || (Enum.IsDefined(level.Value) && level != HospitalLevel.Unspecified), field, $"value {(int?)level} is not a known hospital level");

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

    private static void Require(List<FieldViolation> problems, bool ok, string field, string description)
    {
        if (!ok)
        {
            problems.Add(new FieldViolation(field, description));
        }
    }
}
