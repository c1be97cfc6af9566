using Adjudication.Domain.Units;

namespace Adjudication.Domain.Policy;

/// <summary>
/// A fund layer: bands over a yearly running measure and a yearly cap on what the layer pays (DESIGN.md §4.2).
/// </summary>
public sealed record FundLayer(IReadOnlyList<Band> Bands, Money YearlyCap)
{
    /// <summary>A layer that never pays.</summary>
    public static readonly FundLayer None = new([], Money.Zero);

    /// <summary>
    /// The layer's payment for a measure growing from <paramref name="before"/> to <paramref name="after"/>:
    /// the sum over bands, capped by the yearly cap minus <paramref name="paidThisYear"/>.
    /// </summary>
    public Money Pay(Money before, Money after, Money paidThisYear)
    {
        var sum = Money.Zero;
        for (var i = 0; i < Bands.Count; i++)
        {
            sum += Bands[i].Pay(before.Fen, after.Fen);
        }

        return Money.Min(sum, (YearlyCap - paidThisYear).AtLeastZero());
    }
}
