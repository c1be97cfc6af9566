using Adjudication.Domain.Units;

namespace Adjudication.Domain.Policy;

/// <summary>
/// One band <c>[Lo, Hi)</c> of a yearly running measure, paid at <see cref="RatioBp"/> (DESIGN.md §4.2).
/// <see cref="Hi"/> of <see cref="long.MaxValue"/> means unbounded.
/// </summary>
public readonly record struct Band(long Lo, long Hi, int RatioBp)
{
    /// <summary>What this band pays as the measure grows from <paramref name="before"/> to <paramref name="after"/>:
    /// <c>round(max(0, min(after, hi) − max(before, lo)) × ratio / 10000)</c>.</summary>
    public Money Pay(long before, long after) => PayAt(before, after, RatioBp);

    /// <summary>The same at <paramref name="ratioBp"/> instead of the band's own ratio (the basic fund pays at the visit's R).</summary>
    public Money PayAt(long before, long after, int ratioBp)
    {
        var overlap = Math.Min(after, Hi) - Math.Max(before, Lo);
        return overlap <= 0 ? Money.Zero : new Money(overlap).ApplyRatio(ratioBp);
    }
}
