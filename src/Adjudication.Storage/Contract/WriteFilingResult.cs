namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>write_filing.lua</c> (DESIGN.md §5).</summary>
public enum WriteFilingResult
{
    /// <summary><c>ok</c>: the new version is written.</summary>
    Written,

    /// <summary><c>replay</c>: this msgid wrote a version before; it comes back.</summary>
    Replayed,

    /// <summary><c>conflict</c>: the msgid was used before with a different payload.</summary>
    MsgidConflict,

    /// <summary><c>stale</c>: the filing is no longer at the expected version.</summary>
    Stale,
}
