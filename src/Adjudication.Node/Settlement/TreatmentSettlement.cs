using Adjudication.Contracts.V1;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Time;
using Adjudication.Node.Ledger;
using Adjudication.Node.Network;
using Adjudication.Node.Outbox;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using Adjudication.Storage.Ledger;
using Grpc.Core;

namespace Adjudication.Node.Settlement;

/// <summary>
/// The treatment city's side of a settlement for a person insured elsewhere (就医地管理, DESIGN.md §3): it holds the
/// visit and its classified fee lines, sends the visit's totals to the insured city, which computes and commits, and
/// keeps the hospital-side record of what came back. Cancels and reversals are decided by the insured city; a visit
/// they undo reopens here.
/// </summary>
internal sealed class TreatmentSettlement(VisitStore visits, SettlementStore settlements, NetworkClient network, OutboxWorker outbox, TimeProvider clock)
{
    /// <summary>Relays a pre-settle or settle of a visit treated here to the insured city; records a settle's answer.</summary>
    public async Task<SettleResponse> SettleAsync(SettleRequest request, bool commit, ServerCallContext? context)
    {
        var visit = await visits.GetOwnedAsync(request.InsuplcAdmdvs, request.PsnNo, request.MdtrtId, request.FixmedinsCode, "settle").ConfigureAwait(false);
        if (visit.LineCount == 0)
        {
            throw Refusals.Precondition(Reasons.NoFeeLines, $"Visit {request.MdtrtId} has no fee lines; upload them (2204/2301) before settling.");
        }

        // The insured city owns idempotency: a retry after a lost answer reaches it again and gets the stored result.
        var adjudicate = new AdjudicateRequest { Settle = request, Commit = commit, Visit = VisitSummaries.Summarize(visit) };
        var body = await network.SendForBytesAsync(RawMethods.Adjudicate, request.InsuplcAdmdvs, adjudicate, context).ConfigureAwait(false);
        var response = SettleResponse.Parser.ParseFrom(body);
        if (commit)
        {
            // The hospital-side record keeps the insured city's bytes as they came; the ledger books it (DESIGN.md §11).
            var booking = LedgerBooking.Entry(LedgerRows.Settled(visit.Visit, response, request.Msgid));
            await visits.RecordSettledAsync(visit.Visit, response.SetlId, request.Msgid, body, booking).ConfigureAwait(false);
            outbox.Committed(request.InsuplcAdmdvs, request.PsnNo, booking);
        }

        return response;
    }

    /// <summary>Relays a cancel to the insured city; the visit reopens here.</summary>
    public async Task<CancelSettlementResponse> CancelAsync(CancelSettlementRequest request, ServerCallContext? context)
    {
        var response = await network.SendAsync(RawMethods.CancelSettlement, request.InsuplcAdmdvs, request, CancelSettlementResponse.Parser, context).ConfigureAwait(false);
        await ReopenAsync(request.InsuplcAdmdvs, request.PsnNo, request.MdtrtId, response.SetlId, request.Msgid).ConfigureAwait(false);
        return response;
    }

    /// <summary>Relays a reversal to the insured city; a reversed visit reopens here.</summary>
    public async Task<ReverseResponse> ReverseAsync(ReverseRequest request, ServerCallContext? context)
    {
        var response = await network.SendAsync(RawMethods.Reverse, request.InsuplcAdmdvs, request, ReverseResponse.Parser, context).ConfigureAwait(false);
        if (response.Outcome == ReverseOutcome.Reversed && response.MdtrtId.Length > 0)
        {
            await ReopenAsync(request.InsuplcAdmdvs, request.PsnNo, response.MdtrtId, response.SetlId, request.Msgid).ConfigureAwait(false);
        }

        return response;
    }

    // The visit reopens here and the ledger books the reversed row of the settlement this city recorded, by the
    // cancel's or reversal's msgid at this node's time (DESIGN.md §11).
    private async Task ReopenAsync(string insuplc, string psnNo, string mdtrtId, string setlId, string msgid)
    {
        var record = await settlements.GetSettlementAsync(insuplc, psnNo, setlId).ConfigureAwait(false);
        var reversed = record?.Ledger is { } row ? LedgerBooking.Entry(row.Reversed(msgid, ChinaTime.Format(ChinaTime.Now(clock)))) : null;
        await visits.RecordReopenedAsync(insuplc, psnNo, mdtrtId, setlId, reversed).ConfigureAwait(false);
        outbox.WakePerson(insuplc, psnNo);
    }
}
