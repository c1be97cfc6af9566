using System.Globalization;
using Adjudication.Contracts.V1;
using Spectre.Console;

namespace Adjudication.Cli.Reconcile;

/// <summary>Prints the answers of 3201 and 3202 as tables, in the style of the import command.</summary>
internal static class ReconcileReport
{
    /// <summary>The 3201 figures: hospital, node and difference, then the verdict.</summary>
    public static void Totals(IAnsiConsole console, ReconcileTotalsRequest sent, ReconcileTotalsResponse answer)
    {
        var table = new Table().AddColumns("figure", "hospital", "node", "difference");
        foreach (var column in table.Columns.Skip(1))
        {
            column.RightAligned();
        }

        AddMoney(table, "medfee_sumamt", sent.MedfeeSumamt, answer.NodeMedfeeSumamt);
        AddMoney(table, "fund_pay_sumamt", sent.FundPaySumamt, answer.NodeFundPaySumamt);
        AddMoney(table, "acct_pay", sent.AcctPay, answer.NodeAcctPay);
        table.AddRow("fixmedins_setl_cnt", Count(sent.FixmedinsSetlCnt), Count(answer.NodeSetlCnt), Count(sent.FixmedinsSetlCnt - answer.NodeSetlCnt));
        console.Write(table);
        if (answer.StmtRslt == "0")
        {
            console.MarkupLineInterpolated($"[green]3201 balanced[/] (stmt_rslt 0) for {sent.FixmedinsCode}, {sent.StmtBegndate} to {sent.StmtEnddate}.");
        }
        else
        {
            console.MarkupLineInterpolated($"[red]3201 not balanced[/] (stmt_rslt 1): {answer.StmtRsltDscr}");
        }
    }

    /// <summary>The 3202 rows that did not match (a matched row needs no action), then the counts.</summary>
    public static void Details(IAnsiConsole console, IReadOnlyList<ReconcileResult> results, ReconcileSummary summary)
    {
        var table = new Table().AddColumns("outcome", "setl_id", "refd", "psn_no", "mdtrt_id", "msgid (for 2601)", "memo");
        foreach (var result in results.Where(r => r.Outcome != ReconcileOutcome.Matched))
        {
            table.AddRow(
                Markup.Escape(Name(result.Outcome)),
                Markup.Escape(result.SetlId),
                Markup.Escape(result.RefdSetlFlag),
                Markup.Escape(result.PsnNo),
                Markup.Escape(result.MdtrtId),
                Markup.Escape(result.Msgid),
                Markup.Escape(result.Memo));
        }

        if (table.Rows.Count > 0)
        {
            console.MarkupLine("[red]3202 rows that differ[/] (fix the books, or reverse an unknown call with 2601 by its msgid):");
            console.Write(table);
        }

        var counts = new Table().AddColumns("hospital rows", "node rows", "matched", "only at hospital", "only at node", "amounts differ", "duplicate at hospital");
        counts.AddRow(Count(summary.HospitalRows), Count(summary.NodeRows), Count(summary.Matched), Count(summary.OnlyAtHospital), Count(summary.OnlyAtNode), Count(summary.AmountsDiffer), Count(summary.DuplicateAtHospital));
        console.Write(counts);
        console.MarkupLine(summary.StmtRslt == "0" ? "[green]3202: every row matched.[/]" : "[red]3202: rows differ.[/]");
    }

    private static void AddMoney(Table table, string figure, long hospital, long node) =>
        table.AddRow(figure, YuanText.Format(hospital), YuanText.Format(node), YuanText.Format(hospital - node));

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string Name(ReconcileOutcome outcome) => outcome switch
    {
        ReconcileOutcome.OnlyAtHospital => "only at hospital",
        ReconcileOutcome.OnlyAtNode => "only at node",
        ReconcileOutcome.AmountsDiffer => "amounts differ",
        ReconcileOutcome.DuplicateAtHospital => "duplicate at hospital",
        _ => outcome.ToString(),
    };
}
