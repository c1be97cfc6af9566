namespace Adjudication.Domain.Units;

/// <summary>
/// The one rounding rule of the engine: half away from zero to a whole fen (DESIGN.md §4 "round()").
/// Products are formed in <see cref="Int128"/> so no intermediate can overflow or lose precision.
/// </summary>
public static class Rounding
{
    /// <summary><c>numerator / denominator</c> rounded half away from zero; throws if the result does not fit a long.</summary>
    public static long Divide(Int128 numerator, long denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        var quotient = Int128.DivRem(numerator, denominator);
        var twiceRemainder = Int128.Abs(quotient.Remainder) * 2;
        var result = quotient.Quotient;
        if (twiceRemainder >= denominator)
        {
            result += numerator < 0 ? -1 : 1;
        }

        return checked((long)result);
    }
}
