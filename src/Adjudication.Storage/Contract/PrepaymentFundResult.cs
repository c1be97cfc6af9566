namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>prepayment_fund.lua</c> (DESIGN.md §11).</summary>
public enum PrepaymentFundResult
{
    /// <summary><c>ok</c>: the prepayment or repayment moved; the level after is answered.</summary>
    Moved,

    /// <summary><c>replay</c>: this msgid moved it before with the same request; the level then is answered.</summary>
    Replayed,

    /// <summary><c>conflict</c>: this msgid was used before for another request.</summary>
    MsgidConflict,
}
