namespace Adjudication.Domain.Units;

/// <summary>Ratios are int32 basis points: 10000 = 100% (DESIGN.md §4).</summary>
public static class BasisPoints
{
    /// <summary>100%.</summary>
    public const int Whole = 10_000;

    /// <summary>Whether a ratio lies in [0, 100%].</summary>
    public static bool IsValidRatio(int bp) => bp is >= 0 and <= Whole;
}
