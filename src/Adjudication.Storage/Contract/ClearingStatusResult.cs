namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>clearing_status.lua</c> (DESIGN.md §11).</summary>
public enum ClearingStatusResult
{
    /// <summary><c>ok</c>: the declaration moved to the status answered.</summary>
    Moved,

    /// <summary><c>replay</c>: this msgid moved it before, with the same request; its status then is answered.</summary>
    Replayed,

    /// <summary><c>conflict</c>: this msgid was used before for another request.</summary>
    MsgidConflict,

    /// <summary><c>already</c>: declared before, by another msgid; its status now is answered.</summary>
    AlreadyDeclared,

    /// <summary><c>empty</c>: no row was booked for the pair and month; nothing to declare.</summary>
    NothingToDeclare,

    /// <summary><c>wrongstatus</c>: the declaration is not in the status the step needs (its status, or none, is answered).</summary>
    WrongStatus,
}
