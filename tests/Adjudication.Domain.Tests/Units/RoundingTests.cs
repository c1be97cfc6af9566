using Adjudication.Domain.Units;

namespace Adjudication.Domain.Tests.Units;

public sealed class RoundingTests
{
    [Theory]
    [InlineData(5, 2, 3)]        // 2.5 → 3 (half away from zero, not to even)
    [InlineData(-5, 2, -3)]      // −2.5 → −3
    [InlineData(25, 10, 3)]      // 2.5 → 3 (banker's rounding would give 2)
    [InlineData(-25, 10, -3)]    // −2.5 → −3
    [InlineData(15, 10, 2)]      // 1.5 → 2
    [InlineData(-15, 10, -2)]    // −1.5 → −2
    [InlineData(5_000, 10_000, 1)] // 0.5 → 1
    [InlineData(-5_000, 10_000, -1)] // −0.5 → −1
    public void Divide_ExactHalf_RoundsAwayFromZero(long numerator, long denominator, long expected)
    {
        // Act
        var result = Rounding.Divide(numerator, denominator);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData(14, 10, 1)]      // 1.4 → 1
    [InlineData(-14, 10, -1)]    // −1.4 → −1
    [InlineData(16, 10, 2)]      // 1.6 → 2
    [InlineData(-16, 10, -2)]    // −1.6 → −2
    [InlineData(4_999, 10_000, 0)] // 0.4999 → 0
    [InlineData(-4_999, 10_000, 0)] // −0.4999 → 0
    [InlineData(2, 3, 1)]        // 0.667 → 1
    [InlineData(1, 3, 0)]        // 0.333 → 0
    public void Divide_NotAHalf_RoundsToNearest(long numerator, long denominator, long expected)
    {
        // Act
        var result = Rounding.Divide(numerator, denominator);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData(6, 2, 3)]
    [InlineData(-6, 2, -3)]
    [InlineData(0, 7, 0)]
    [InlineData(85_000_000, 10_000, 8_500)]
    public void Divide_Exact_ReturnsQuotient(long numerator, long denominator, long expected)
    {
        // Act
        var result = Rounding.Divide(numerator, denominator);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Divide_LargeInt128Numerator_KeepsFullPrecision()
    {
        // Arrange: (long.MaxValue × 10000 + 5000) / 10000 = long.MaxValue + 0.5 would overflow; one below is safe:
        // ((long.MaxValue − 1) × 10000 + 5000) / 10000 = long.MaxValue − 0.5 → rounds away from zero to long.MaxValue.
        var numerator = ((Int128)(long.MaxValue - 1) * 10_000) + 5_000;

        // Act
        var result = Rounding.Divide(numerator, 10_000);

        // Assert
        Assert.Equal(long.MaxValue, result);
    }

    [Fact]
    public void Divide_ResultBeyondLong_ThrowsOverflowException()
    {
        // Arrange: long.MaxValue × 4 / 2 = 2 × long.MaxValue does not fit a long.
        var numerator = (Int128)long.MaxValue * 4;

        // Act / Assert
        Assert.Throws<OverflowException>(() => Rounding.Divide(numerator, 2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10_000)]
    public void Divide_NonPositiveDenominator_Throws(long denominator)
    {
        // Act / Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => Rounding.Divide(1, denominator));
    }
}
