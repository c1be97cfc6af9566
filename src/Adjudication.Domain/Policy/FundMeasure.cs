namespace Adjudication.Domain.Policy;

/// <summary>The running measure a fund layer's bands are laid over (DESIGN.md §4.2, §4.3).</summary>
public enum FundMeasure
{
    /// <summary>The yearly cumulative eligible amount (in-scope minus deductible): basic fund, large-amount.</summary>
    CumulativeEligible = 0,

    /// <summary>
    /// The yearly cumulative in-scope personal burden left by the layers before this one: critical illness.
    /// Each such layer keeps its own yearly accumulator.
    /// </summary>
    CumulativeBurden = 1,

    /// <summary>This settlement's in-scope personal burden left by the layers before this one, from 0: assistance.</summary>
    VisitBurden = 2,
}
