namespace Adjudication.Storage;

/// <summary>What a scripted write found.</summary>
public enum WriteOutcome
{
    /// <summary>Written now.</summary>
    Written,

    /// <summary>Already written by an earlier call with the same msgid and payload; the stored answer is returned.</summary>
    Replayed,

    /// <summary>The msgid was used before with a different payload.</summary>
    MsgidConflict,

    /// <summary>The msgid was reversed (冲正) or tombstoned; it will never take effect.</summary>
    MsgidReversed,

    /// <summary>The visit does not exist.</summary>
    VisitNotFound,

    /// <summary>The visit is not open (already settled).</summary>
    VisitNotOpen,

    /// <summary>A line with the same feedetl_sn was stored with different content.</summary>
    FeeLineConflict,

    /// <summary>The snapshot the caller computed from is out of date; reload and try again.</summary>
    Stale,

    /// <summary>The settlement does not exist.</summary>
    SettlementNotFound,

    /// <summary>The settlement was already cancelled or reversed.</summary>
    SettlementAlreadyCancelled,

    /// <summary>The original of a reversal arrived meanwhile; reverse it as a settlement.</summary>
    OriginalArrived,
}
