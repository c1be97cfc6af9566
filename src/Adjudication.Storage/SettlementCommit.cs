using Adjudication.Domain.Settlement;
using Adjudication.Storage.Outbox;

namespace Adjudication.Storage;

/// <summary>
/// A computed settlement ready to commit: ids, the request digest, the response to store and the deltas, and for a
/// visit treated here the hospital ledger's row, for one treated elsewhere the insured city's clearing record; either
/// goes to the outbox in the same script (DESIGN.md §11).
/// </summary>
public sealed record SettlementCommit(
    string Msgid,
    byte[] Digest,
    string SetlId,
    int Year,
    SettlementComputation Computation,
    byte[] ResponseBody,
    OutboxEntry? Booking);
