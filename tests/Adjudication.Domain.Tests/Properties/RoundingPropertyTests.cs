using Adjudication.Domain.Units;
using CsCheck;

namespace Adjudication.Domain.Tests.Properties;

/// <summary>The one rounding rule (DESIGN.md §4: half away from zero) against <see cref="decimal"/> with <see cref="MidpointRounding.AwayFromZero"/>.</summary>
public sealed class RoundingPropertyTests
{
    private const long Iterations = 20_000;

    [Fact]
    public void Divide_RandomOperands_MatchesDecimalAwayFromZero()
    {
        // |n| ≤ 10^15 and d ≤ 10^6 keep the decimal quotient exact enough to tell a true .5 from a near miss.
        Gen.Select(Gen.Long[-1_000_000_000_000_000, 1_000_000_000_000_000], Gen.Long[1, 1_000_000]).Sample((n, d) =>
        {
            var expected = (long)Math.Round((decimal)n / d, MidpointRounding.AwayFromZero);

            Assert.Equal(expected, Rounding.Divide(n, d));
        }, iter: Iterations);
    }

    [Fact]
    public void ApplyRatio_RandomAmountAndRatio_MatchesDecimalAwayFromZero()
    {
        Gen.Select(Gen.Long[-1_000_000_000_000_000, 1_000_000_000_000_000], Gen.Int[0, BasisPoints.Whole]).Sample((fen, bp) =>
        {
            var expected = (long)Math.Round((decimal)fen * bp / 10_000m, MidpointRounding.AwayFromZero);

            Assert.Equal(expected, new Money(fen).ApplyRatio(bp).Fen);
        }, iter: Iterations);
    }
}
