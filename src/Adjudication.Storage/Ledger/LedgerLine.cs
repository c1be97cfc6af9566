using System.Globalization;
using System.Text;

namespace Adjudication.Storage.Ledger;

/// <summary>
/// A ledger row as the store keeps it: one TAB-separated line in the order of <see cref="LedgerRow"/>'s fields, the
/// funds last as "type:fen" pairs joined by ';'. A settle writes it twice (in the outbox and with the record), so it is
/// kept short and cheap to write (DESIGN.md §10: bytes and CPU per settle), and stays readable in redis-cli.
/// </summary>
internal static class LedgerLine
{
    private const int Fields = 15;

    /// <summary>The line of <paramref name="row"/>.</summary>
    public static string Format(LedgerRow row)
    {
        var line = new StringBuilder(192)
            .Append(row.SetlId).Append('\t').Append(row.MdtrtId).Append('\t').Append(row.PsnNo).Append('\t')
            .Append(row.InsuplcAdmdvs).Append('\t').Append(row.FixmedinsCode).Append('\t').Append(row.Msgid).Append('\t')
            .Append(row.SetlTime).Append('\t').Append(row.Insutype.ToString(CultureInfo.InvariantCulture)).Append('\t')
            .Append(row.ClrType).Append('\t').Append(row.Refunded ? '1' : '0').Append('\t')
            .Append(row.MedfeeSumamt.ToString(CultureInfo.InvariantCulture)).Append('\t')
            .Append(row.FundPaySumamt.ToString(CultureInfo.InvariantCulture)).Append('\t')
            .Append(row.AcctPay.ToString(CultureInfo.InvariantCulture)).Append('\t')
            .Append(row.PsnCashPay.ToString(CultureInfo.InvariantCulture)).Append('\t');
        for (var i = 0; i < row.Funds.Count; i++)
        {
            line.Append(i == 0 ? string.Empty : ";").Append(row.Funds[i].FundPayType.ToString(CultureInfo.InvariantCulture))
                .Append(':').Append(row.Funds[i].Fen.ToString(CultureInfo.InvariantCulture));
        }

        return line.ToString();
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
