namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>settle.lua</c> (DESIGN.md §4.2 step 8).</summary>
public enum SettleResult
{
    /// <summary><c>ok</c>: committed now.</summary>
    Committed,

    /// <summary><c>replay</c>: this msgid and payload committed before; the stored answer comes back.</summary>
    Replayed,

    /// <summary><c>conflict</c>: the msgid was used before with a different payload.</summary>
    MsgidConflict,

    /// <summary><c>reversed</c>: the msgid was reversed (冲正) or tombstoned; it never takes effect.</summary>
    MsgidReversed,

    /// <summary><c>novisit</c>: the visit does not exist.</summary>
    VisitNotFound,

    /// <summary><c>visitclosed</c>: the visit is settled by another msgid.</summary>
    VisitClosed,

    /// <summary><c>stale</c>: the person, filings or visit changed since the snapshot computed from; reload and recompute.</summary>
    Stale,
}
