using Adjudication.Domain.Settlement;

namespace Adjudication.Storage;

/// <summary>A computed settlement ready to commit: ids, the request digest, the response to store and the deltas.</summary>
public sealed record SettlementCommit(
    string Msgid,
    byte[] Digest,
    string SetlId,
    int Year,
    SettlementComputation Computation,
    byte[] ResponseBody);
