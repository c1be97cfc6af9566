using Adjudication.Contracts.V1;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Institutions;
using Adjudication.Node.Errors;
using Adjudication.Node.Hosting;
using Adjudication.Node.Outbox;
using Adjudication.Node.Security;
using Adjudication.Node.Validation;
using Adjudication.Storage.Ledger;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Adjudication.Node.Ledger;

/// <summary>
/// Reconciliation of an institution against the hospital ledger of this city (DESIGN.md §11): 3201 totals, 3202 rows
/// and the paged list of ledger rows. Every read first applies the outbox entries already woken, so an institution
/// that settled and then reconciles sees every settlement it was answered.
/// </summary>
internal sealed class ReconciliationDesk(LedgerStore ledger, OutboxWorker outbox, IOptions<NodeOptions> options)
{
    /// <summary>Rows ListSettlements answers when the request names no page size.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Most rows of one ListSettlements page.</summary>
    public const int MaxPageSize = 1_000;

    // Days read at a time while filling a page: a page usually fills from a few days, and a sparse year is 12 reads.
    private const int DaysPerRead = 31;

    private readonly string _city = Admdvs.IsValid(options.Value.Admdvs) ? Admdvs.CityOf(options.Value.Admdvs) : options.Value.Admdvs;

    /// <summary>3201: the institution's totals against the node's.</summary>
    public async Task<ReconcileTotalsResponse> ReconcileTotalsAsync(ReconcileTotalsRequest request)
    {
        var check = new RequestCheck().Fixmedins("fixmedins_code", request.FixmedinsCode);
        ReconcileChecks.SetlOptins(check, request.SetlOptins, _city);
        var (from, to) = ReconcileChecks.Period(check, "stmt_begndate", request.StmtBegndate, "stmt_enddate", request.StmtEnddate);
        ReconcileChecks.Filters(check, request.Insutype, request.ClrType);
        var refunded = ReconcileChecks.RefundFlag(check, "refd_setl_flag", request.RefdSetlFlag, emptyMeansBoth: true);
        ReconcileChecks.Amount(check, "medfee_sumamt", request.MedfeeSumamt, refunded);
        ReconcileChecks.Amount(check, "fund_pay_sumamt", request.FundPaySumamt, refunded);
        ReconcileChecks.Amount(check, "acct_pay", request.AcctPay, refunded);
        check.That(request.FixmedinsSetlCnt is >= 0 and <= 9_999_999_999, "fixmedins_setl_cnt", "must be 0 to 9,999,999,999 (N10)");
        check.ThrowIfAny();

        await outbox.FlushAsync().ConfigureAwait(false);
        var totals = await ledger.TotalsAsync(request.FixmedinsCode, from, to).ConfigureAwait(false);
        var node = TotalsComparison.Sum(totals, new ReconcileSelection((int)request.Insutype, request.ClrType, refunded));
        return TotalsComparison.Compare(request, node);
    }

    /// <summary>3202: reads the institution's header and rows, then answers the comparison in parts and the counts last.</summary>
    public async Task ReconcileDetailsAsync(IAsyncStreamReader<ReconcileDetailsRequest> input, IServerStreamWriter<ReconcileDetailsResponse> output, ServerCallContext context)
    {
        var (header, rows) = await DetailStream.ReadAsync(input, h => RequireOwnCode(context, h.FixmedinsCode), context.CancellationToken).ConfigureAwait(false);
        var check = new RequestCheck().Fixmedins("header.fixmedins_code", header.FixmedinsCode);
        ReconcileChecks.SetlOptins(check, header.SetlOptins, _city);
        var (from, to) = ReconcileChecks.Period(check, "header.stmt_begndate", header.StmtBegndate, "header.stmt_enddate", header.StmtEnddate);
        ReconcileChecks.Filters(check, header.Insutype, header.ClrType);
        DetailStream.CheckRows(check, rows);
        check.ThrowIfAny();

        await outbox.FlushAsync().ConfigureAwait(false);
        var node = await ledger.RowsAsync(header.FixmedinsCode, from, to).ConfigureAwait(false);
        var report = DetailComparison.Compare(node, rows, new ReconcileSelection((int)header.Insutype, header.ClrType, null), from, to);
        for (var start = 0; start < report.Results.Count; start += DetailStream.MaxRowsPerMessage)
        {
            var part = new ReconcileDetailsResponse();
            part.Results.AddRange(report.Results.Skip(start).Take(DetailStream.MaxRowsPerMessage));
            await output.WriteAsync(part, context.CancellationToken).ConfigureAwait(false);
        }

        await output.WriteAsync(new ReconcileDetailsResponse { Summary = report.Summary }, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>A page of the institution's ledger rows for a period, by day then setl_id.</summary>
    public async Task<ListSettlementsResponse> ListSettlementsAsync(ListSettlementsRequest request)
    {
        var check = new RequestCheck().Fixmedins("fixmedins_code", request.FixmedinsCode);
        var (from, to) = ReconcileChecks.Period(check, "from_date", request.FromDate, "to_date", request.ToDate);
        check.That(request.PageSize is >= 0 and <= MaxPageSize, "page_size", $"must be 1 to {MaxPageSize}, or 0 for {DefaultPageSize}");
        PageToken? after = null;
        check.That(request.PageToken.Length == 0 || (PageToken.TryParse(request.PageToken, out after) && after!.Day >= from && after.Day <= to),
            "page_token", "must be empty or the next_page_token of the previous page of the same period");
        check.ThrowIfAny();

        await outbox.FlushAsync().ConfigureAwait(false);
        var size = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var answer = new ListSettlementsResponse();
        LedgerRow? listed = null;
        for (var day = after?.Day ?? from; day <= to; day = day.AddDays(DaysPerRead))
        {
            var through = Min(day.AddDays(DaysPerRead - 1), to);
            foreach (var row in await ledger.RowsAsync(request.FixmedinsCode, day, through).ConfigureAwait(false))
            {
                if (after is not null && !after.Precedes(row))
                {
                    continue;
                }

                if (answer.Rows.Count == size)
                {
                    // One more row exists: the page is full and the next starts after its last row.
                    answer.NextPageToken = PageToken.After(listed!);
                    return answer;
                }

                answer.Rows.Add(LedgerEntries.Of(row));
                listed = row;
            }
        }

        return answer;
    }

    // 3202's header names its institution inside the stream, which the access rules cannot read before the handler
    // (DESIGN.md §8: an institution reconciles only itself). A malformed code is refused with the header's other fields.
    private static void RequireOwnCode(ServerCallContext context, string fixmedinsCode)
    {
        if (context.Authenticated()?.Caller is { } caller && FixmedinsCode.IsValid(fixmedinsCode) && caller.Id != fixmedinsCode)
        {
            throw new AdjudicationException(ErrorKind.PermissionDenied, Reasons.InstitutionMismatch,
                $"The caller is {caller}; it may reconcile only under its own fixmedins_code, not '{Echo.Cut(fixmedinsCode)}'. Send {caller.Id}, or call with that institution's certificate.");
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
