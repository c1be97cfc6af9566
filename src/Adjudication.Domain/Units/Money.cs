using System.Globalization;

namespace Adjudication.Domain.Units;

/// <summary>
/// An amount of money in whole fen (1 yuan = 100 fen), backed by <see cref="long"/>.
/// Arithmetic is checked: an overflow throws instead of wrapping (DESIGN.md §4 "money is int64 fen").
/// </summary>
public readonly record struct Money(long Fen) : IComparable<Money>
{
    /// <summary>No money.</summary>
    public static readonly Money Zero = new(0);

    /// <summary>Adds two amounts; throws <see cref="OverflowException"/> rather than wrapping.</summary>
    public static Money operator +(Money left, Money right) => new(checked(left.Fen + right.Fen));

    /// <summary>Subtracts two amounts; throws <see cref="OverflowException"/> rather than wrapping.</summary>
    public static Money operator -(Money left, Money right) => new(checked(left.Fen - right.Fen));

    /// <summary>Compares by amount.</summary>
    public static bool operator <(Money left, Money right) => left.Fen < right.Fen;

    /// <summary>Compares by amount.</summary>
    public static bool operator >(Money left, Money right) => left.Fen > right.Fen;

    /// <summary>Compares by amount.</summary>
    public static bool operator <=(Money left, Money right) => left.Fen <= right.Fen;

    /// <summary>Compares by amount.</summary>
    public static bool operator >=(Money left, Money right) => left.Fen >= right.Fen;

    /// <summary>The smaller of two amounts.</summary>
    public static Money Min(Money left, Money right) => left.Fen <= right.Fen ? left : right;

    /// <summary>The larger of two amounts.</summary>
    public static Money Max(Money left, Money right) => left.Fen >= right.Fen ? left : right;

    /// <summary>The amount, or zero when it is negative.</summary>
    public Money AtLeastZero() => Fen < 0 ? Zero : this;

    /// <summary><c>round(this × ratioBp / 10000)</c>, half away from zero (DESIGN.md §4).</summary>
    public Money ApplyRatio(int ratioBp) => new(Rounding.Divide((Int128)Fen * ratioBp, BasisPoints.Whole));

    /// <summary>
    /// <c>round(unitPrice × quantity)</c> in fen, where both are in micros of a yuan / of a unit:
    /// fen = priceMicros × quantityMicros / 10^12 yuan × 100 = product / 10^10.
    /// </summary>
    public static Money FromPriceTimesQuantity(long priceMicros, long quantityMicros) =>
        new(Rounding.Divide((Int128)priceMicros * quantityMicros, MicrosPerFenSquared));

    /// <inheritdoc />
    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary>Yuan with two decimals, e.g. "1234.56".</summary>
    public override string ToString() => ((decimal)Fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    // A price in micros of a yuan times a quantity in micros is in 10^-12 yuan = 10^-10 fen.
    private const long MicrosPerFenSquared = 10_000_000_000L;
}
