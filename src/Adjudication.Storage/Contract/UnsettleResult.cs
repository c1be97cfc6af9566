namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>unsettle.lua</c>, a cancel (2208/2305) or reversal (2601).</summary>
public enum UnsettleResult
{
    /// <summary><c>ok</c>: undone now.</summary>
    Undone,

    /// <summary><c>replay</c>: this msgid undid a settlement before; its answer comes back.</summary>
    Replayed,

    /// <summary><c>conflict</c>: the msgid was used before with a different payload.</summary>
    MsgidConflict,

    /// <summary><c>nosettlement</c>: the settlement does not exist.</summary>
    SettlementNotFound,

    /// <summary><c>cancelled</c>: the settlement was already cancelled or reversed.</summary>
    AlreadyUndone,
}
