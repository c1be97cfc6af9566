using System.Collections.Concurrent;
using System.Globalization;
using Adjudication.Domain.Policy;

namespace Adjudication.Domain.Settlement;

/// <summary>
/// The identity of one yearly accumulator (DESIGN.md §4.2): a policy-wide measure (the deductible used, the cumulative
/// eligible amount, the burden after the basic fund) or a fund layer's own (what it paid, its burden measure). The
/// name is what the store keeps, one hash field per accumulator and year; it is built once per fund type.
/// </summary>
public readonly record struct AccumulatorId(string Name)
{
    private static readonly ConcurrentDictionary<FundPayType, AccumulatorId> PaidIds = new();
    private static readonly ConcurrentDictionary<FundPayType, AccumulatorId> BurdenIds = new();

    /// <summary>The yearly deductible used (§4.2 step 3); a per-visit deductible never counts here.</summary>
    public static readonly AccumulatorId DeductibleUsed = new("dedc");

    /// <summary>The yearly cumulative eligible amount (§4.2 step 4), the measure of <see cref="FundMeasure.CumulativeEligible"/> layers.</summary>
    public static readonly AccumulatorId EligibleCumulative = new("elig");

    /// <summary>The yearly cumulative in-scope personal burden after the basic fund (<c>inscp − hifp_pay</c>, §4.2 step 5).</summary>
    public static readonly AccumulatorId BurdenCumulative = new("burden");

    /// <summary>What the layer of <paramref name="type"/> paid this year, held under its yearly cap.</summary>
    public static AccumulatorId PaidBy(FundPayType type) =>
        PaidIds.GetOrAdd(type, static t => new(((int)t).ToString(CultureInfo.InvariantCulture) + ":paid"));

    /// <summary>The yearly burden measure of a <see cref="FundMeasure.CumulativeBurden"/> layer of <paramref name="type"/>.</summary>
    public static AccumulatorId BurdenOf(FundPayType type) =>
        BurdenIds.GetOrAdd(type, static t => new(((int)t).ToString(CultureInfo.InvariantCulture) + ":burden"));

    /// <inheritdoc />
    public override string ToString() => Name;
}
