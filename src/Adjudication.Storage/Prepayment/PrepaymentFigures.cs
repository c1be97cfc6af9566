namespace Adjudication.Storage.Prepayment;

/// <summary>Usage of a prepayment in basis points: outstanding × 10000 ÷ prepayment, rounded down; −1 when there is no prepayment.</summary>
public static class PrepaymentFigures
{
    /// <summary>The usage of <paramref name="prepayment"/> by <paramref name="outstanding"/>, exact (128-bit product).</summary>
    public static long UsageBp(long outstanding, long prepayment)
    {
        if (prepayment <= 0)
        {
            return -1;
        }

        var (quotient, remainder) = Int128.DivRem((Int128)outstanding * 10_000, prepayment);
        return (long)(remainder < 0 ? quotient - 1 : quotient);
    }

    /// <summary>The level a stored name stands for.</summary>
    public static PrepaymentLevel Level(string? name) => name switch
    {
        "yellow" => PrepaymentLevel.Yellow,
        "red" => PrepaymentLevel.Red,
        _ => PrepaymentLevel.Green,
    };
}
