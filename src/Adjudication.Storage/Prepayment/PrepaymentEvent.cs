namespace Adjudication.Storage.Prepayment;

/// <summary>
/// A change of a prepayment's warning level (DESIGN.md §11): the level entered, what made it (a settlement's row, a
/// deposit, a top-up or a repayment) and the figures right after it, fen.
/// </summary>
/// <param name="Level">The level entered.</param>
/// <param name="Cause">"settlement", "deposit", "topup" or "repay".</param>
/// <param name="Reference">The setl_id of the settlement that crossed the line, or the msgid of the deposit, top-up or repayment.</param>
/// <param name="Outstanding">Advanced and not repaid, after it.</param>
/// <param name="Prepayment">The prepayment, after it.</param>
/// <param name="Time">"yyyy-MM-dd HH:mm:ss" China time the node booked it.</param>
/// <param name="TopupDue">Entering red: the emergency top-up opened; else 0.</param>
public sealed record PrepaymentEvent(PrepaymentLevel Level, string Cause, string Reference, long Outstanding, long Prepayment, string Time, long TopupDue)
{
    /// <summary>Usage right after it, basis points.</summary>
    public long UsageBp => PrepaymentFigures.UsageBp(Outstanding, Prepayment);
}
