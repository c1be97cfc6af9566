using System.Globalization;

namespace Adjudication.Node.Gateway;

/// <summary>
/// The national interface's numbers against the node's integers (NATIONAL-INTERFACE.md §1.3): money N16,2 yuan to and
/// from fen, unit prices N16,6 and quantities N16,4 to micros, ratios N5,4 from basis points. Every conversion is
/// exact: a value with more decimals than its field allows is refused, never rounded (DESIGN.md §4: money is never
/// double).
/// </summary>
internal static class NationalNumbers
{
    /// <summary>Largest magnitude of an N16,2 amount in fen (16 digits).</summary>
    public const long MaxFen = 9_999_999_999_999_999;

    /// <summary>Largest magnitude of an N16,6 price or N16,4 quantity in micros (10 integer digits).</summary>
    public const long MaxMicros = 9_999_999_999_999_999;

    /// <summary>Parses a decimal literal as the interface writes it ("12.30", "-5", "1.2e1"); false for anything else.</summary>
    public static bool TryParse(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);

    /// <summary>Yuan with at most 2 decimals to fen; null when the value has a third decimal or is out of range.</summary>
    public static long? ToFen(decimal yuan) => Scaled(yuan, 100m, MaxFen);

    /// <summary>A value with at most <paramref name="decimals"/> decimals (4 or 6) to micros; null otherwise.</summary>
    public static long? ToMicros(decimal value, int decimals)
    {
        // Checked at the field's own precision first: a quantity of 1.00005 has a fifth decimal even though micros hold it.
        var unit = decimals == 4 ? 10_000m : 1_000_000m;
        return Scaled(value, unit, MaxMicros) is null ? null : Scaled(value, 1_000_000m, MaxMicros);
    }

    /// <summary>Fen as yuan with exactly two decimals (12345 → 123.45, 100 → 1.00): the scale is kept when written.</summary>
    public static decimal Yuan(long fen) => fen * 0.01m;

    /// <summary>Micros as a decimal with six places (a unit price N16,6; the writer keeps the scale).</summary>
    public static decimal FromMicros(long micros, int decimals) =>
        decimals == 4 ? decimal.Round(micros * 0.000001m, 4) : micros * 0.000001m;

    /// <summary>Basis points as the N5,4 fraction the interface writes (8500 → 0.8500).</summary>
    public static decimal Ratio(long basisPoints) => basisPoints * 0.0001m;

    private static long? Scaled(decimal value, decimal unit, long max)
    {
        if (Math.Abs(value) > max / unit)
        {
            return null;
        }

        var scaled = value * unit;
        return decimal.Truncate(scaled) == scaled ? decimal.ToInt64(scaled) : null;
    }
}
