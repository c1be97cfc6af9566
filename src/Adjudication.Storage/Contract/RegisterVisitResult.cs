namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>register_visit.lua</c> (2201/2401).</summary>
public enum RegisterVisitResult
{
    /// <summary><c>ok</c>: the visit is open.</summary>
    Registered,

    /// <summary><c>replay</c>: this msgid registered a visit before; its id comes back.</summary>
    Replayed,

    /// <summary><c>conflict</c>: the msgid was used before with a different payload.</summary>
    MsgidConflict,
}
