namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>move_balance.lua</c> (DESIGN.md §12).</summary>
public enum MoveBalanceResult
{
    /// <summary><c>ok</c>: the balance moved; the journal row comes back.</summary>
    Moved,

    /// <summary><c>replay</c>: this msgid moved the balance before; its journal row comes back.</summary>
    Replayed,

    /// <summary><c>conflict</c>: the msgid was used before for this person with a different payload.</summary>
    MsgidConflict,

    /// <summary><c>noperson</c>: no such person is enrolled.</summary>
    PersonNotFound,

    /// <summary><c>negative</c>: the movement would leave the balance below zero; the balance comes back.</summary>
    WouldGoNegative,
}
