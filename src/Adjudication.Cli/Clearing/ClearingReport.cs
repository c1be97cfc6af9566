using System.Globalization;
using Adjudication.Cli.Reconcile;
using Adjudication.Contracts.V1;
using Spectre.Console;

namespace Adjudication.Cli.Clearing;

/// <summary>Prints clearing declarations, differences, statements and prepayments as tables (amounts in yuan).</summary>
internal static class ClearingReport
{
    // Columns of a report when the output is not a terminal.
    private const int RedirectedWidth = 1_000;

    /// <summary>The console to print on: into a file or a pipe a table row stays on one line instead of wrapping at 80 columns.</summary>
    public static IAnsiConsole Console()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>One row per declaration, with its counts, sums and fund types.</summary>
    public static void Declarations(IAnsiConsole console, IEnumerable<ClearingDeclaration> declarations)
    {
        var table = Right(new Table().AddColumns("month", "就医地", "参保地", "status", "setl_cnt", "refd_cnt", "medfee_sumamt", "fund_pay_sumamt", "acct_pay", "clr_sumamt", "funds"), from: 4);
        foreach (var d in declarations)
        {
            var s = d.Sums ?? new ClearingSums();
            table.AddRow(d.ClrMonth, d.MdtrtareaAdmvs, d.InsuplcAdmdvs, Status(d.Status), Count(s.SetlCnt), Count(s.RefdSetlCnt),
                YuanText.Format(s.MedfeeSumamt), YuanText.Format(s.FundPaySumamt), YuanText.Format(s.AcctPay), YuanText.Format(s.ClrSumamt),
                Markup.Escape(string.Join(" ", s.Funds.Select(f => $"{f.FundPayType}:{YuanText.Format(f.FundPayamt)}"))));
        }

        console.Write(table);
    }

    /// <summary>The settlements on which a declaration and the insured side's records differ.</summary>
    public static void Differences(IAnsiConsole console, IEnumerable<ClearingDifference> differences)
    {
        var table = Right(new Table().AddColumns("setl_id", "refd", "side", "declared clr_sumamt", "insured clr_sumamt", "psn_no", "msgid"), from: 3);
        foreach (var d in differences)
        {
            var row = d.Declared ?? d.Insured;
            table.AddRow(Markup.Escape(d.SetlId), d.RefdSetlFlag, Markup.Escape(d.Side), Advanced(d.Declared), Advanced(d.Insured), Markup.Escape(row?.PsnNo ?? string.Empty), Markup.Escape(row?.Msgid ?? string.Empty));
        }

        console.MarkupLine("[red]Not confirmed[/]: the declaration and the insured side's records differ on these settlements:");
        console.Write(table);
    }

    /// <summary>The matrix, the positions (their nets sum to zero) and, at the national node, the nettings.</summary>
    public static void Statement(IAnsiConsole console, ClearingStatement statement)
    {
        console.MarkupLineInterpolated($"Clearing statement of {statement.ClrOptins} for {statement.ClrMonth}:");
        Declarations(console, statement.Matrix);
        var positions = Right(new Table().AddColumns("region", "receivable", "payable", "net"), from: 1);
        foreach (var p in statement.Positions)
        {
            positions.AddRow(p.Admdvs, YuanText.Format(p.Receivable), YuanText.Format(p.Payable), YuanText.Format(p.Net));
        }

        positions.AddRow("total", YuanText.Format(statement.Positions.Sum(p => p.Receivable)), YuanText.Format(statement.Positions.Sum(p => p.Payable)), YuanText.Format(statement.Positions.Sum(p => p.Net)));
        console.Write(positions);
        if (statement.Nettings.Count > 0)
        {
            var nettings = Right(new Table().AddColumns("a", "b", "a advanced for b", "b advanced for a", "net (b pays a)"), from: 2);
            foreach (var n in statement.Nettings)
            {
                nettings.AddRow(n.AdmdvsA, n.AdmdvsB, YuanText.Format(n.AAdvancedForB), YuanText.Format(n.BAdvancedForA), YuanText.Format(n.Net));
            }

            console.Write(nettings);
        }
    }

    /// <summary>Each province's prepayment and, with <paramref name="history"/>, its level changes.</summary>
    public static void Prepayments(IAnsiConsole console, IEnumerable<ProvincePrepayment> provinces, bool history)
    {
        var table = Right(new Table().AddColumns("province", "prepayment", "advanced", "repaid", "outstanding", "usage", "level", "top-up due"), from: 1);
        var all = provinces.ToList();
        foreach (var p in all)
        {
            var s = p.Status;
            table.AddRow(s.InsuplcAdmdvs, YuanText.Format(s.Prepayment), YuanText.Format(s.Advanced), YuanText.Format(s.Repaid), YuanText.Format(s.Outstanding), Usage(s.UsageBp), Level(s.Level), YuanText.Format(s.TopupDue));
        }

        console.Write(table);
        if (!history)
        {
            return;
        }

        var events = Right(new Table().AddColumns("province", "time", "level", "cause", "setl_id / msgid", "outstanding", "prepayment", "usage", "top-up due"), from: 5);
        foreach (var p in all)
        {
            foreach (var e in p.History)
            {
                events.AddRow(p.Status.InsuplcAdmdvs, e.Time, Level(e.Level), e.Cause, Markup.Escape(e.Reference), YuanText.Format(e.Outstanding), YuanText.Format(e.Prepayment), Usage(e.UsageBp), YuanText.Format(e.TopupDue));
            }
        }

        console.Write(events);
    }

    private static Table Right(Table table, int from)
    {
        foreach (var column in table.Columns.Skip(from))
        {
            column.RightAligned();
        }

        return table;
    }

    private static string Advanced(LedgerEntry? row) => row is null ? "-" : YuanText.Format(row.FundPaySumamt + row.AcctPay);

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    // Basis points as a percentage with two decimals, exactly (7500 → 75.00%).
    private static string Usage(long bp) => bp < 0 ? "no prepayment" : string.Create(CultureInfo.InvariantCulture, $"{bp / 100}.{bp % 100:D2}%");

    private static string Status(ClearingStatus status) => status switch
    {
        ClearingStatus.Declared => "declared",
        ClearingStatus.Confirmed => "[green]confirmed[/]",
        ClearingStatus.Paid => "[green]paid[/]",
        _ => "undeclared",
    };

    private static string Level(PrepaymentLevel level) => level switch
    {
        PrepaymentLevel.Yellow => "[yellow]yellow[/]",
        PrepaymentLevel.Red => "[red]red[/]",
        _ => "[green]green[/]",
    };
}
