using System.Globalization;

namespace Adjudication.Node.Ledger;

/// <summary>Fen written as yuan with two decimals for people to read (3201 stmt_rslt_dscr, 3202 memo); exact, no rounding.</summary>
internal static class Yuan
{
    /// <summary>"1234.56", "-0.05", "0.00": whole yuan and the remaining fen, so no value is ever rounded.</summary>
    public static string Format(long fen)
    {
        var sign = fen < 0 ? "-" : string.Empty;
        // The magnitude as ulong: long.MinValue has no positive long.
        var magnitude = fen < 0 ? (ulong)(-(fen + 1)) + 1 : (ulong)fen;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude / 100}.{magnitude % 100:D2}");
    }
}
