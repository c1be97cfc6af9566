using System.Globalization;
using System.Text;
using Adjudication.Contracts.V1;

namespace Adjudication.Node.Gateway;

/// <summary>
/// 3202's rows as the TAB-separated text of the national 9101/9102 files (NATIONAL-INTERFACE.md §2, 3202): the
/// institution's file (setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag; amounts in
/// yuan, a reversed row's negative) and the node's result file (psn_no, mdtrt_id, setl_id, msgid, stmt_rslt,
/// refd_setl_flag, memo, medfee_sumamt, fund_pay_sumamt, acct_pay). One row a line, no header.
/// </summary>
internal static class DetailRowsText
{
    private const int Columns = 7;

    /// <summary>Parses the institution's file; each bad line is a violation of <paramref name="input"/>'s field <paramref name="field"/>.</summary>
    public static List<ReconcileRow> Parse(string text, JsonFields input, string field)
    {
        var rows = new List<ReconcileRow>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split('\t');
            long?[] amounts = cells.Length == Columns ? [Fen(cells[3]), Fen(cells[4]), Fen(cells[5])] : [];
            if (cells.Length != Columns || amounts.Any(a => a is null))
            {
                input.Problem(field, string.Create(CultureInfo.InvariantCulture,
                    $"line {i + 1}: needs {Columns} TAB-separated columns (setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag), amounts in yuan with at most 2 decimals"));
                continue;
            }

            rows.Add(new ReconcileRow
            {
                SetlId = cells[0], MdtrtId = cells[1], PsnNo = cells[2],
                MedfeeSumamt = amounts[0]!.Value, FundPaySumamt = amounts[1]!.Value, AcctPay = amounts[2]!.Value,
                RefdSetlFlag = cells[6],
            });
        }

        return rows;
    }

    /// <summary>The node's result file for <paramref name="results"/>.</summary>
    public static string Format(IEnumerable<ReconcileResult> results)
    {
        var text = new StringBuilder();
        foreach (var r in results)
        {
            text.Append(Cell(r.PsnNo)).Append('\t').Append(Cell(r.MdtrtId)).Append('\t').Append(Cell(r.SetlId)).Append('\t')
                .Append(Cell(r.Msgid)).Append('\t').Append(r.StmtRslt).Append('\t').Append(Cell(r.RefdSetlFlag)).Append('\t')
                .Append(Cell(r.Memo)).Append('\t')
                .Append(Yuan(r.MedfeeSumamt)).Append('\t').Append(Yuan(r.FundPaySumamt)).Append('\t').Append(Yuan(r.AcctPay)).Append('\n');
        }

        return text.ToString();
    }

    private static long? Fen(string cell) => NationalNumbers.TryParse(cell.Trim(), out var yuan) ? NationalNumbers.ToFen(yuan) : null;

    private static string Yuan(long fen) => NationalNumbers.Yuan(fen).ToString(CultureInfo.InvariantCulture);

    // A value never breaks the file's shape: a TAB or line break inside it becomes a space; an empty value is written
    // "null", as the national TXT files write it (NATIONAL-INTERFACE.md §1.3).
    private static string Cell(string value) =>
        value.Length == 0 ? "null" : value.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
