using System.Globalization;
using System.Runtime.CompilerServices;

namespace Adjudication.Storage.Ledger;

/// <summary>
/// A ledger row as the store keeps it: one TAB-separated line in the order of <see cref="LedgerRow"/>'s fields, the
/// funds last as "type:fen" pairs joined by ';'. A settle writes it with its record and the ledger keeps it, so it is
/// kept short and cheap to write (DESIGN.md §10: bytes and CPU per settle), and stays readable in redis-cli.
/// </summary>
internal static class LedgerLine
{
    private const int Fields = 15;

    /// <summary>The line of <paramref name="row"/>.</summary>
    public static string Format(LedgerRow row)
    {
        // Formatted into a stack buffer (numbers too, without a string each); only the line itself is allocated.
        var line = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[512]);
        line.AppendLiteral(row.SetlId);
        Field(ref line, row.MdtrtId);
        Field(ref line, row.PsnNo);
        Field(ref line, row.InsuplcAdmdvs);
        Field(ref line, row.FixmedinsCode);
        Field(ref line, row.Msgid);
        Field(ref line, row.SetlTime);
        line.AppendLiteral("\t");
        line.AppendFormatted(row.Insutype);
        Field(ref line, row.ClrType);
        Field(ref line, row.Refunded ? "1" : "0");
        line.AppendLiteral("\t");
        line.AppendFormatted(row.MedfeeSumamt);
        line.AppendLiteral("\t");
        line.AppendFormatted(row.FundPaySumamt);
        line.AppendLiteral("\t");
        line.AppendFormatted(row.AcctPay);
        line.AppendLiteral("\t");
        line.AppendFormatted(row.PsnCashPay);
        line.AppendLiteral("\t");
        for (var i = 0; i < row.Funds.Count; i++)
        {
            if (i > 0)
            {
                line.AppendLiteral(";");
            }

            line.AppendFormatted(row.Funds[i].FundPayType);
            line.AppendLiteral(":");
            line.AppendFormatted(row.Funds[i].Fen);
        }

        return line.ToStringAndClear();
    }

    private static void Field(ref DefaultInterpolatedStringHandler line, string value)
    {
        line.AppendLiteral("\t");
        line.AppendLiteral(value);
    }

    /// <summary>The row of a line <see cref="Format"/> wrote.</summary>
    public static LedgerRow Parse(string line)
    {
        var f = line.Split('\t');
        if (f.Length != Fields)
        {
            throw new InvalidDataException($"a stored ledger row has {f.Length} fields, not {Fields}");
        }

        var funds = new List<FundAmount>();
        foreach (var pair in f[14].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var cut = pair.IndexOf(':', StringComparison.Ordinal);
            funds.Add(new FundAmount(Int(pair[..cut]), Long(pair[(cut + 1)..])));
        }

        return new LedgerRow(f[0], f[1], f[2], f[3], f[4], f[5], f[6], Int(f[7]), f[8], f[9] == "1", Long(f[10]), Long(f[11]), Long(f[12]), Long(f[13]), funds);
    }

    private static int Int(string text) => int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static long Long(string text) => long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
