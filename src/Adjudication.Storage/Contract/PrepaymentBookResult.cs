namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>prepayment_book.lua</c> (DESIGN.md §11); it also counts rows newly booked and level changes.</summary>
public enum PrepaymentBookResult
{
    /// <summary><c>booked</c>: every row is counted, each once.</summary>
    Booked,
}
