using Adjudication.Domain.Units;

namespace Adjudication.Domain.Settlement;

/// <summary>
/// A person's running totals for one calendar year (DESIGN.md §4.2): what the yearly deductible, the band
/// measures and each capped layer have used so far. A settlement adds a delta; a cancel subtracts the same delta.
/// </summary>
public readonly record struct YearAccumulators(
    Money DeductibleUsed,
    Money EligibleCumulative,
    Money BasicPaid,
    Money BurdenCumulative,
    Money SecondLayerPaid,
    Money AssistancePaid)
{
    /// <summary>The sum, field by field.</summary>
    public YearAccumulators Plus(in YearAccumulators delta) => new(
        DeductibleUsed + delta.DeductibleUsed,
        EligibleCumulative + delta.EligibleCumulative,
        BasicPaid + delta.BasicPaid,
        BurdenCumulative + delta.BurdenCumulative,
        SecondLayerPaid + delta.SecondLayerPaid,
        AssistancePaid + delta.AssistancePaid);

    /// <summary>The difference, field by field.</summary>
    public YearAccumulators Minus(in YearAccumulators delta) => new(
        DeductibleUsed - delta.DeductibleUsed,
        EligibleCumulative - delta.EligibleCumulative,
        BasicPaid - delta.BasicPaid,
        BurdenCumulative - delta.BurdenCumulative,
        SecondLayerPaid - delta.SecondLayerPaid,
        AssistancePaid - delta.AssistancePaid);
}
