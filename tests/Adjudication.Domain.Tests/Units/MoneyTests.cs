using Adjudication.Domain.Units;

namespace Adjudication.Domain.Tests.Units;

public sealed class MoneyTests
{
    [Fact]
    public void Add_BeyondLongMax_ThrowsOverflowException()
    {
        // Arrange
        var max = new Money(long.MaxValue);

        // Act / Assert: checked arithmetic must not wrap to −9,223,372,036,854,775,808 fen.
        Assert.Throws<OverflowException>(() => max + new Money(1));
    }

    [Fact]
    public void Subtract_BelowLongMin_ThrowsOverflowException()
    {
        // Arrange
        var min = new Money(long.MinValue);

        // Act / Assert
        Assert.Throws<OverflowException>(() => min - new Money(1));
    }

    [Fact]
    public void Add_InRange_SumsFen()
    {
        // Arrange: 1234.56 yuan + 0.44 yuan = 1235.00 yuan.
        var a = new Money(123_456);
        var b = new Money(44);

        // Act
        var sum = a + b;

        // Assert
        Assert.Equal(123_500, sum.Fen);
        Assert.Equal(123_412, (a - b).Fen);
    }

    [Theory]
    // 12.345678 yuan × 3.5 = 43.209873 yuan = 4320.9873 fen → 4321.
    [InlineData(12_345_678, 3_500_000, 4_321)]
    // 0.005 yuan × 1 = 0.5 fen → 1 (half away from zero).
    [InlineData(5_000, 1_000_000, 1)]
    // 0.004999 yuan × 1 = 0.4999 fen → 0.
    [InlineData(4_999, 1_000_000, 0)]
    // 12.50 yuan × 2 = 25.00 yuan = 2500 fen, exact.
    [InlineData(12_500_000, 2_000_000, 2_500)]
    // 0.015 yuan × 0.5 = 0.0075 yuan = 0.75 fen → 1.
    [InlineData(15_000, 500_000, 1)]
    // 99,999.99 yuan × 10,000 = 999,999,900 yuan = 99,999,990,000 fen.
    [InlineData(99_999_990_000, 10_000_000_000, 99_999_990_000)]
    // Anything × 0 = 0.
    [InlineData(12_345_678, 0, 0)]
    public void FromPriceTimesQuantity_Micros_RoundsToFen(long priceMicros, long quantityMicros, long expectedFen)
    {
        // Act
        var amount = Money.FromPriceTimesQuantity(priceMicros, quantityMicros);

        // Assert
        Assert.Equal(expectedFen, amount.Fen);
    }

    [Fact]
    public void FromPriceTimesQuantity_ProductBeyondLong_ThrowsOverflowException()
    {
        // Arrange: long.MaxValue micros × 20,000 units (2×10^10 micros) / 10^10 = 2 × long.MaxValue fen.
        // Act / Assert
        Assert.Throws<OverflowException>(() => Money.FromPriceTimesQuantity(long.MaxValue, 20_000_000_000));
    }

    [Fact]
    public void FromPriceTimesQuantity_ProductBeyondLongButResultFits_DoesNotOverflow()
    {
        // Arrange: long.MaxValue micros × 1 unit: the product 9.2×10^24 needs 128 bits, the result
        // long.MaxValue × 10^6 / 10^10 = 922,337,203,685,477.5807 fen → 922,337,203,685,478.
        // Act
        var amount = Money.FromPriceTimesQuantity(long.MaxValue, 1_000_000);

        // Assert
        Assert.Equal(922_337_203_685_478, amount.Fen);
    }

    [Theory]
    [InlineData(1_000_000, 8_500, 850_000)]   // 10,000 yuan × 85% = 8,500 yuan
    [InlineData(880_000, 8_500, 748_000)]     // 8,800 yuan × 85% = 7,480 yuan
    [InlineData(15, 5_000, 8)]                // 7.5 fen → 8
    [InlineData(-15, 5_000, -8)]              // −7.5 fen → −8
    [InlineData(25, 5_000, 13)]               // 12.5 fen → 13 (banker's would give 12)
    [InlineData(3, 3_333, 1)]                 // 0.9999 fen → 1
    [InlineData(1, 4_999, 0)]                 // 0.4999 fen → 0
    [InlineData(123_456, 0, 0)]
    [InlineData(123_456, 10_000, 123_456)]
    public void ApplyRatio_BasisPoints_RoundsHalfAwayFromZero(long fen, int ratioBp, long expected)
    {
        // Act
        var result = new Money(fen).ApplyRatio(ratioBp);

        // Assert
        Assert.Equal(expected, result.Fen);
    }

    [Fact]
    public void ApplyRatio_LongMaxAtWhole_NoIntermediateOverflow()
    {
        // Arrange: long.MaxValue × 10000 overflows a long; the Int128 product does not.
        // Act
        var result = new Money(long.MaxValue).ApplyRatio(10_000);

        // Assert
        Assert.Equal(long.MaxValue, result.Fen);
    }

    [Fact]
    public void ApplyRatio_ResultBeyondLong_ThrowsOverflowException()
    {
        // Arrange: long.MaxValue × 200% does not fit a long.
        // Act / Assert
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue).ApplyRatio(20_000));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    public void AtLeastZero_Amount_ClampsNegativeToZero(long fen, long expected)
    {
        // Act / Assert
        Assert.Equal(expected, new Money(fen).AtLeastZero().Fen);
    }

    [Fact]
    public void MinMax_TwoAmounts_PickByFen()
    {
        // Arrange
        var small = new Money(-5);
        var large = new Money(7);

        // Act / Assert
        Assert.Equal(small, Money.Min(small, large));
        Assert.Equal(small, Money.Min(large, small));
        Assert.Equal(large, Money.Max(small, large));
        Assert.Equal(large, Money.Max(large, small));
    }

    [Theory]
    [InlineData(123_456, "1234.56")]
    [InlineData(5, "0.05")]
    [InlineData(-5, "-0.05")]
    [InlineData(0, "0.00")]
    public void ToString_Fen_FormatsYuanWithTwoDecimals(long fen, string expected)
    {
        // Act / Assert
        Assert.Equal(expected, new Money(fen).ToString());
    }
}
