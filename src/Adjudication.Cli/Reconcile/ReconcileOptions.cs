using System.CommandLine;
using Adjudication.Contracts.V1;
using Adjudication.Node.Security;

namespace Adjudication.Cli.Reconcile;

/// <summary>The options of <c>adjudication reconcile</c> besides the connection, and the 3201 request they make.</summary>
internal sealed class ReconcileOptions
{
    private readonly Option<string> _institution = new("--institution") { Description = "The institution's fixmedins_code (its certificate's), e.g. H14010000001.", Required = true };
    private readonly Option<string> _from = new("--from") { Description = "First day of the period, yyyy-MM-dd (China date of setl_time).", Required = true };
    private readonly Option<string> _to = new("--to") { Description = "Last day of the period, yyyy-MM-dd; at most 366 days from --from.", Required = true };
    private readonly Option<int> _insutype = new("--insutype") { Description = "Only this insutype (310, 390, ...); every insutype when absent." };
    private readonly Option<string> _clrType = new("--clr-type") { Description = "Only this clearing type (national tables 396 and 592, e.g. 11 or 390212); every one when absent." };
    private readonly Option<string?> _setlOptins = new("--setl-optins") { Description = "The settling agency's division (the node's city or a county of it); by default the certificate's division." };
    private readonly Option<FileInfo?> _rows = new("--rows") { Description = "The 3202 rows file (TAB-separated, amounts in yuan; README 'Reconciliation'): its sums are the totals, and its rows are compared when they differ." };
    private readonly Option<string?> _medfee = new("--medfee") { Description = "Without --rows: the hospital's medfee_sumamt in yuan (reversed rows negative)." };
    private readonly Option<string?> _fund = new("--fund") { Description = "Without --rows: the hospital's fund_pay_sumamt in yuan." };
    private readonly Option<string?> _acct = new("--acct") { Description = "Without --rows: the hospital's acct_pay in yuan." };
    private readonly Option<long?> _count = new("--count") { Description = "Without --rows: the hospital's row count (a cancelled settlement counts 2)." };

    /// <summary>The options, to add to the command.</summary>
    public IEnumerable<Option> All => [_institution, _from, _to, _insutype, _clrType, _setlOptins, _rows, _medfee, _fund, _acct, _count];

    /// <summary>The 3201 request, and the rows when a file was given; <see cref="ArgumentException"/> for options that do not fit together.</summary>
    public async Task<(ReconcileTotalsRequest Totals, List<ReconcileRow>? Rows)> TotalsRequestAsync(ParseResult parse, CallerIdentity caller)
    {
        var request = new ReconcileTotalsRequest
        {
            FixmedinsCode = parse.GetValue(_institution)!,
            StmtBegndate = parse.GetValue(_from)!,
            StmtEnddate = parse.GetValue(_to)!,
            Insutype = (Insutype)parse.GetValue(_insutype),
            ClrType = parse.GetValue(_clrType) ?? string.Empty,
            SetlOptins = parse.GetValue(_setlOptins) ?? caller.Admdvs
                ?? throw new ArgumentException("name the settling agency's division with --setl-optins (the certificate names none)"),
        };
        var figures = new[] { parse.GetValue(_medfee), parse.GetValue(_fund), parse.GetValue(_acct) };
        var count = parse.GetValue(_count);
        if (parse.GetValue(_rows) is { } file)
        {
            if (figures.Any(f => f is not null) || count is not null)
            {
                throw new ArgumentException("give either --rows (the totals are its sums) or --medfee, --fund, --acct and --count, not both");
            }

            var rows = await ReconcileFile.ReadAsync(file.FullName).ConfigureAwait(false);
            foreach (var row in rows)
            {
                request.MedfeeSumamt = checked(request.MedfeeSumamt + row.MedfeeSumamt);
                request.FundPaySumamt = checked(request.FundPaySumamt + row.FundPaySumamt);
                request.AcctPay = checked(request.AcctPay + row.AcctPay);
            }

            request.FixmedinsSetlCnt = rows.Count;
            return (request, rows);
        }

        if (figures.Any(f => f is null) || count is null)
        {
            throw new ArgumentException("without --rows, give the hospital's totals: --medfee, --fund, --acct (yuan) and --count");
        }

        request.MedfeeSumamt = Fen("--medfee", figures[0]!);
        request.FundPaySumamt = Fen("--fund", figures[1]!);
        request.AcctPay = Fen("--acct", figures[2]!);
        request.FixmedinsSetlCnt = count.Value;
        return (request, null);
    }

    private static long Fen(string option, string text) =>
        YuanText.TryParse(text, out var fen, out var problem) ? fen : throw new ArgumentException($"{option}: {problem}");
}
