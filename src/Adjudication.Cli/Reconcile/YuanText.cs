using System.Globalization;

namespace Adjudication.Cli.Reconcile;

/// <summary>
/// Yuan as the national files write them ("1234.56", N16,2) to fen and back, exactly: digits are read as digits, never
/// through a floating type, and a third decimal is refused rather than rounded (a fen is the smallest amount).
/// </summary>
internal static class YuanText
{
    // N16,2: at most 14 digits before the point.
    private const int MaxWholeDigits = 14;

    /// <summary>The fen of <paramref name="text"/>, or false with the <paramref name="problem"/>.</summary>
    public static bool TryParse(string text, out long fen, out string problem)
    {
        fen = 0;
        var span = text.AsSpan().Trim();
        var negative = span.StartsWith("-");
        var digits = negative ? span[1..] : span;
        var point = digits.IndexOf('.');
        var whole = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? ReadOnlySpan<char>.Empty : digits[(point + 1)..];
        if (whole.IsEmpty || whole.Length > MaxWholeDigits || !AllDigits(whole) || !AllDigits(fraction) || (point >= 0 && fraction.IsEmpty))
        {
            problem = $"'{text}' is not an amount in yuan such as 1234.56";
            return false;
        }

        if (fraction.Length > 2)
        {
            problem = $"'{text}' has more than two decimals; amounts are in yuan to the fen (0.01)";
            return false;
        }

        var cents = long.Parse(whole, CultureInfo.InvariantCulture) * 100;
        if (fraction.Length > 0)
        {
            cents += long.Parse(fraction, CultureInfo.InvariantCulture) * (fraction.Length == 1 ? 10 : 1);
        }

        fen = negative ? -cents : cents;
        problem = string.Empty;
        return true;
    }

    /// <summary>"1234.56" from fen, exactly.</summary>
    public static string Format(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
