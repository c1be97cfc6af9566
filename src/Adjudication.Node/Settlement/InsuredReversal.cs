using Adjudication.Contracts.V1;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Time;
using Adjudication.Node.Outbox;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using Adjudication.Storage.Clearing;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Ledger;
using Adjudication.Storage.Outbox;

namespace Adjudication.Node.Settlement;

/// <summary>
/// The insured city undoing a settlement (DESIGN.md §4.2 step 8): a cancel (2208/2305) by setl_id, or a reversal (2601)
/// by the original msgid, which tombstones a msgid that never arrived. Either restores exactly what the settlement took.
/// </summary>
internal sealed class InsuredReversal(VisitStore visits, SettlementStore settlements, OutboxWorker outbox, TimeProvider clock)
{
    // A reversal racing the original's arrival retries this often before asking the caller to send it again.
    private const int ReverseAttempts = 3;

    /// <summary>Cancels a settlement of a person insured here, restoring exactly what it took.</summary>
    public async Task<CancelSettlementResponse> CancelAsync(CancelSettlementRequest request)
    {
        var settlement = await settlements.GetSettlementAsync(request.InsuplcAdmdvs, request.PsnNo, request.SetlId).ConfigureAwait(false)
            ?? throw Refusals.NotFound(Reasons.SettlementNotFound, $"Settlement {request.SetlId} of person {request.PsnNo} does not exist; check setl_id.");
        if (settlement.MdtrtId != request.MdtrtId)
        {
            throw Refusals.NotFound(Reasons.SettlementNotFound, $"Settlement {request.SetlId} belongs to visit {settlement.MdtrtId}, not {request.MdtrtId}.");
        }

        // The person-side visit may be gone from a store restored without it; then the settlement record is all there is.
        if (await visits.GetAsync(request.InsuplcAdmdvs, request.PsnNo, request.MdtrtId).ConfigureAwait(false) is { } visit
            && visit.Visit.FixmedinsCode != request.FixmedinsCode)
        {
            throw Refusals.PermissionDenied(Reasons.InstitutionMismatch, $"Settlement {request.SetlId} was made by another institution; only that institution may cancel it.");
        }

        var (result, balance, setlId) = await settlements.UnsettleAsync(
            request.InsuplcAdmdvs, request.PsnNo, request.Msgid, Digest.Of(request), request.SetlId, request.MdtrtId, reverseOf: null, Reversed(settlement, request.Msgid)).ConfigureAwait(false);
        outbox.WakePerson(request.InsuplcAdmdvs, request.PsnNo);
        return result switch
        {
            UnsettleResult.Undone or UnsettleResult.Replayed when setlId == request.SetlId =>
                new CancelSettlementResponse { SetlId = setlId, Restored = SettleResponse.Parser.ParseFrom(settlement.Body).Split, Balc = balance.Fen },
            UnsettleResult.Undone or UnsettleResult.Replayed or UnsettleResult.MsgidConflict => throw Refusals.MsgidReused(request.Msgid),
            UnsettleResult.SettlementNotFound => throw Refusals.NotFound(Reasons.SettlementNotFound, $"Settlement {request.SetlId} does not exist."),
            _ => throw Refusals.Precondition(Reasons.SettlementAlreadyCancelled, $"Settlement {request.SetlId} was already cancelled or reversed; nothing to undo."),
        };
    }

    /// <summary>Reverses a settlement of a person insured here by its msgid, or tombstones a msgid that never arrived.</summary>
    public async Task<ReverseResponse> ReverseAsync(ReverseRequest request)
    {
        var digest = Digest.Of(request);
        for (var attempt = 0; attempt < ReverseAttempts; attempt++)
        {
            var own = await settlements.GetMessageAsync(request.InsuplcAdmdvs, request.PsnNo, request.Msgid).ConfigureAwait(false);
            if (own is not null)
            {
                return own.Digest.AsSpan().SequenceEqual(digest)
                    ? new ReverseResponse { Outcome = own.SetlId.Length == 0 ? ReverseOutcome.Tombstoned : ReverseOutcome.Reversed, SetlId = own.SetlId, MdtrtId = own.MdtrtId }
                    : throw Refusals.MsgidReused(request.Msgid);
            }

            var original = await settlements.GetMessageAsync(request.InsuplcAdmdvs, request.PsnNo, request.Omsgid).ConfigureAwait(false);
            var response = original?.Operation switch
            {
                null => await TombstoneAsync(request, digest).ConfigureAwait(false),
                "settle" => await UnsettleAsync(request, digest, original).ConfigureAwait(false),
                "reversed" => new ReverseResponse { Outcome = ReverseOutcome.Reversed, SetlId = original.SetlId, MdtrtId = original.MdtrtId },
                "tombstone" => new ReverseResponse { Outcome = ReverseOutcome.Tombstoned },
                _ => throw Refusals.Precondition(Reasons.ReversalNotSupported, $"msgid {request.Omsgid} was a '{original.Operation}' call, not a settlement; it cannot be reversed."),
            };
            if (response is not null)
            {
                return response;
            }
        }

        throw new AdjudicationException(ErrorKind.Aborted, Reasons.Contention, "The original call arrived while reversing it; send the reversal again with the same msgid.");
    }

    // Null when the original arrived meanwhile: reverse it as a settlement on the next attempt.
    private async Task<ReverseResponse?> TombstoneAsync(ReverseRequest request, byte[] digest) =>
        await settlements.TombstoneAsync(request.InsuplcAdmdvs, request.PsnNo, request.Msgid, digest, request.Omsgid).ConfigureAwait(false) switch
        {
            TombstoneResult.OriginalArrived => null,
            TombstoneResult.MsgidConflict => throw Refusals.MsgidReused(request.Msgid),
            _ => new ReverseResponse { Outcome = ReverseOutcome.Tombstoned },
        };

    private async Task<ReverseResponse> UnsettleAsync(ReverseRequest request, byte[] digest, MessageRecord original)
    {
        var settlement = await settlements.GetSettlementAsync(request.InsuplcAdmdvs, request.PsnNo, original.SetlId).ConfigureAwait(false);
        var (result, _, setlId) = await settlements.UnsettleAsync(
            request.InsuplcAdmdvs, request.PsnNo, request.Msgid, digest, original.SetlId, original.MdtrtId, request.Omsgid, Reversed(settlement, request.Msgid)).ConfigureAwait(false);
        outbox.WakePerson(request.InsuplcAdmdvs, request.PsnNo);
        return result switch
        {
            UnsettleResult.Undone or UnsettleResult.Replayed => new ReverseResponse { Outcome = ReverseOutcome.Reversed, SetlId = setlId, MdtrtId = original.MdtrtId },
            UnsettleResult.MsgidConflict => throw Refusals.MsgidReused(request.Msgid),
            _ => throw Refusals.Precondition(Reasons.SettlementAlreadyCancelled, $"Settlement {original.SetlId} of msgid {request.Omsgid} was already cancelled; nothing to reverse."),
        };
    }

    // The reversed ledger row of a settlement booked here (a visit treated here); for a visit treated elsewhere, whose
    // treatment city books the ledger when the answer reaches it, the reversal of this city's clearing record (DESIGN.md §11).
    private OutboxEntry? Reversed(SettlementRecord? settlement, string msgid) => settlement switch
    {
        { Ledger: { } row } => LedgerBooking.Entry(row.Reversed(msgid, ChinaTime.Format(ChinaTime.Now(clock)))),
        { Clearing: { } record } => ClearingFeed.Entry(ClearingFeed.InsuredKind, record with { Row = record.Row.Reversed(msgid, ChinaTime.Format(ChinaTime.Now(clock))) }),
        _ => null,
    };
}
