using Adjudication.Domain.Units;

namespace Adjudication.Domain.Policy;

/// <summary>
/// One fund layer of a policy (DESIGN.md §4.3): its national fund type, whom it covers, the running measure its bands
/// are laid over, the bands and a yearly cap on what it pays. A policy applies its layers in order, each on what the
/// ones before it left; adding a layer is a new row, never new code.
/// </summary>
/// <param name="FundPayType">The national fund type; one layer per type in a policy (its accumulators are keyed by it).</param>
/// <param name="Coverage">Whom the layer pays for.</param>
/// <param name="Measure">The running measure of the bands.</param>
/// <param name="Bands">Ordered, non-overlapping bands over the measure.</param>
/// <param name="YearlyCap">The most the layer pays a person in a calendar year.</param>
/// <param name="PaysAtVisitRatio">
/// True for the basic fund: its bands pay at the visit's ratio R (§4.2 step 2) instead of their own.
/// </param>
public sealed record FundLayer(
    FundPayType FundPayType,
    FundCoverage Coverage,
    FundMeasure Measure,
    IReadOnlyList<Band> Bands,
    Money YearlyCap,
    bool PaysAtVisitRatio = false)
{
    /// <summary>
    /// A basic pooled fund (§4.2 step 4): one band <c>[0, L)</c> of cumulative eligible amount at R, capped by the
    /// ceiling; no band at all when L is 0 (an empty band is not a band).
    /// </summary>
    public static FundLayer Basic(FundPayType type, Money bandLimit, Money ceiling) =>
        new(type, FundCoverage.Everyone, FundMeasure.CumulativeEligible, bandLimit.Fen > 0 ? [new Band(0, bandLimit.Fen, 0)] : [], ceiling, PaysAtVisitRatio: true);

    /// <summary>Employee large-amount (大额, §4.2 step 5): bands of cumulative eligible amount above the basic limit.</summary>
    public static FundLayer LargeAmount(IReadOnlyList<Band> bands, Money yearlyCap) =>
        new(FundPayType.LargeAmount, FundCoverage.Everyone, FundMeasure.CumulativeEligible, bands, yearlyCap);

    /// <summary>Resident critical illness (大病, §4.2 step 5): bands of cumulative in-scope personal burden.</summary>
    public static FundLayer CriticalIllness(IReadOnlyList<Band> bands, Money yearlyCap) =>
        new(FundPayType.CriticalIllness, FundCoverage.Everyone, FundMeasure.CumulativeBurden, bands, yearlyCap);

    /// <summary>Medical assistance (§4.2 step 6): a share of this settlement's remaining in-scope burden, for eligible persons.</summary>
    public static FundLayer Assistance(int ratioBp, Money yearlyCap) =>
        new(FundPayType.MedicalAssistance, FundCoverage.AssistanceEligible, FundMeasure.VisitBurden, [new Band(0, long.MaxValue, ratioBp)], yearlyCap);

    /// <summary>
    /// What the bands pay as the measure grows from <paramref name="before"/> to <paramref name="after"/>, before the
    /// yearly cap; <paramref name="visitRatioBp"/> is used instead of the bands' ratios when <see cref="PaysAtVisitRatio"/>.
    /// </summary>
    public Money Uncapped(Money before, Money after, int visitRatioBp)
    {
        var sum = Money.Zero;
        for (var i = 0; i < Bands.Count; i++)
        {
            var band = Bands[i];
            sum += band.PayAt(before.Fen, after.Fen, PaysAtVisitRatio ? visitRatioBp : band.RatioBp);
        }

        return sum;
    }
}
