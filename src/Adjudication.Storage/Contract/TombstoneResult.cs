namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>tombstone.lua</c>: a reversal (2601) of a msgid that never arrived.</summary>
public enum TombstoneResult
{
    /// <summary><c>ok</c>: the tombstone is laid; the late original will be refused.</summary>
    Tombstoned,

    /// <summary><c>replay</c>: this reversal was done before.</summary>
    Replayed,

    /// <summary><c>conflict</c>: the reversal's msgid was used before with a different payload.</summary>
    MsgidConflict,

    /// <summary><c>arrived</c>: the original arrived meanwhile; reverse it as a settlement.</summary>
    OriginalArrived,
}
