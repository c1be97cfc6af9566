using System.Globalization;
using System.Text.Json;
using Adjudication.Node.Gateway;

namespace Adjudication.Node.Tests.Gateway;

/// <summary>
/// The national interface's numbers against the node's integers (issue 17): yuan to fen exactly, a third decimal refused
/// and never rounded, prices and quantities to micros at their own precision, and fen written back with two decimals.
/// </summary>
public sealed class NationalNumbersTests
{
    [Theory]
    [InlineData("12.30", 1_230)]
    [InlineData("12.3", 1_230)]
    [InlineData("12.340", 1_234)]
    [InlineData("0", 0)]
    [InlineData("-200.05", -20_005)]
    [InlineData("1.5e2", 15_000)]
    [InlineData("99999999999999.99", 9_999_999_999_999_999)]
    public void ToFen_AtMostTwoDecimals_ExactFen(string yuan, long fen)
    {
        Assert.True(NationalNumbers.TryParse(yuan, out var value));

        Assert.Equal(fen, NationalNumbers.ToFen(value));
    }

    [Theory]
    [InlineData("12.345")]
    [InlineData("0.001")]
    [InlineData("100000000000000.00")]
    [InlineData("-0.005")]
    public void ToFen_ThirdDecimalOrOutOfRange_Null(string yuan)
    {
        Assert.True(NationalNumbers.TryParse(yuan, out var value));

        Assert.Null(NationalNumbers.ToFen(value));
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("12.30元")]
    [InlineData("NaN")]
    [InlineData("")]
    [InlineData("1e400")]
    public void TryParse_NotADecimal_False(string text) => Assert.False(NationalNumbers.TryParse(text, out _));

    [Theory]
    [InlineData("1.5", 4, 1_500_000)]
    [InlineData("0.0001", 4, 100)]
    [InlineData("18.123456", 6, 18_123_456)]
    public void ToMicros_WithinTheFieldsDecimals_ExactMicros(string text, int decimals, long micros)
    {
        Assert.True(NationalNumbers.TryParse(text, out var value));

        Assert.Equal(micros, NationalNumbers.ToMicros(value, decimals));
    }

    [Theory]
    [InlineData("1.00005", 4)]
    [InlineData("18.1234567", 6)]
    public void ToMicros_MoreDecimalsThanTheField_Null(string text, int decimals)
    {
        Assert.True(NationalNumbers.TryParse(text, out var value));

        Assert.Null(NationalNumbers.ToMicros(value, decimals));
    }

    [Theory]
    [InlineData(1_230, "12.30")]
    [InlineData(100, "1.00")]
    [InlineData(0, "0.00")]
    [InlineData(-5, "-0.05")]
    [InlineData(9_999_999_999_999_999, "99999999999999.99")]
    public void Yuan_Written_TwoDecimalsAlways(long fen, string written)
    {
        Assert.Equal(written, Written(NationalNumbers.Yuan(fen)));
    }

    [Theory]
    [InlineData(8_500, "0.8500")]
    [InlineData(10_000, "1.0000")]
    [InlineData(0, "0.0000")]
    public void Ratio_Written_FourDecimalFraction(long basisPoints, string written)
    {
        Assert.Equal(written, Written(NationalNumbers.Ratio(basisPoints)));
    }

    // As the gateway writes it: Utf8JsonWriter keeps the decimal's scale.
    private static string Written(decimal value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteNumberValue(value);
        }

        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(value, decimal.Parse(text, CultureInfo.InvariantCulture));
        return text;
    }
}
