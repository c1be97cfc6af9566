using System.Globalization;
using Adjudication.Contracts.V1;

namespace Adjudication.Cli.Reconcile;

/// <summary>
/// The hospital's rows file of 3202 as the national interface defines it: UTF-8 text, one row a line, TAB-separated,
/// in this order: setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag; amounts in yuan
/// with at most two decimals (a reversed row's negated). No header line; empty lines are skipped.
/// </summary>
internal static class ReconcileFile
{
    private const int Columns = 7;

    /// <summary>Most rows a file may hold: what one 3202 stream takes.</summary>
    public const int MaxRows = 1_000_000;

    /// <summary>Reads every row of <paramref name="path"/>, amounts in fen; throws <see cref="ReconcileFileException"/> naming the line.</summary>
    public static async Task<List<ReconcileRow>> ReadAsync(string path)
    {
        var rows = new List<ReconcileRow>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path).ConfigureAwait(false))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (rows.Count == MaxRows)
            {
                throw new ReconcileFileException(string.Create(CultureInfo.InvariantCulture, $"line {number}: a file holds at most {MaxRows:N0} rows; split the period"));
            }

            rows.Add(Row(line.Split('\t'), number));
        }

        return rows;
    }

    private static ReconcileRow Row(string[] cells, int number)
    {
        if (cells.Length != Columns)
        {
            throw new ReconcileFileException(string.Create(CultureInfo.InvariantCulture,
                $"line {number}: {cells.Length} TAB-separated columns, expected {Columns} (setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag)"));
        }

        return new ReconcileRow
        {
            SetlId = cells[0].Trim(),
            MdtrtId = cells[1].Trim(),
            PsnNo = cells[2].Trim(),
            MedfeeSumamt = Fen(cells[3], "medfee_sumamt", number),
            FundPaySumamt = Fen(cells[4], "fund_pay_sumamt", number),
            AcctPay = Fen(cells[5], "acct_pay", number),
            RefdSetlFlag = cells[6].Trim() is "0" or "1" ? cells[6].Trim()
                : throw new ReconcileFileException(string.Create(CultureInfo.InvariantCulture, $"line {number}: refd_setl_flag '{cells[6]}' must be 0 (the settlement) or 1 (its reversed row)")),
        };
    }

    private static long Fen(string cell, string column, int number) =>
        YuanText.TryParse(cell, out var fen, out var problem) ? fen
            : throw new ReconcileFileException(string.Create(CultureInfo.InvariantCulture, $"line {number}: {column} {problem}"));
}
