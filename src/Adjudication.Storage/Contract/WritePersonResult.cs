namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>write_person.lua</c> (DESIGN.md §12).</summary>
public enum WritePersonResult
{
    /// <summary><c>ok</c>: the profile is written, with a history entry.</summary>
    Written,

    /// <summary><c>unchanged</c>: the same profile is held already; nothing of the person changed.</summary>
    Unchanged,

    /// <summary><c>replay</c>: this msgid changed the person before; its answer comes back.</summary>
    Replayed,

    /// <summary><c>conflict</c>: the msgid was used before for this person with a different payload.</summary>
    MsgidConflict,

    /// <summary><c>exists</c>: an enrolment of a person enrolled already with other data.</summary>
    AlreadyEnrolled,

    /// <summary><c>stale</c>: the profile is no longer the one the change was computed from (or the person is gone).</summary>
    Stale,
}
