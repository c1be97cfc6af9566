namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>write_institution.lua</c> (DESIGN.md §12).</summary>
public enum WriteInstitutionResult
{
    /// <summary><c>ok</c>: the record is written.</summary>
    Written,

    /// <summary><c>unchanged</c>: the same record is held already; only the msgid was recorded.</summary>
    Unchanged,

    /// <summary><c>replay</c>: this msgid changed the institution before; the record it wrote comes back.</summary>
    Replayed,

    /// <summary><c>conflict</c>: the msgid was used before for this institution with a different payload.</summary>
    MsgidConflict,

    /// <summary><c>stale</c>: the record is no longer the one the change was computed from.</summary>
    Stale,
}
