namespace Adjudication.Storage.Prepayment;

/// <summary>
/// An insured province's prepayment at the national node (DESIGN.md §11), fen: deposits and emergency top-ups,
/// what was advanced for its insured persons across provinces, and what clearing repaid.
/// </summary>
/// <param name="Province">The insured province.</param>
/// <param name="Prepayment">Deposits and top-ups.</param>
/// <param name="Advanced">Advanced by other provinces for its insured persons (net of cancels).</param>
/// <param name="Repaid">Repaid by paid clearing declarations.</param>
/// <param name="Level">The warning level.</param>
/// <param name="TopupDue">While red: the emergency top-up that would bring usage under 70%; else 0.</param>
public sealed record PrepaymentState(string Province, long Prepayment, long Advanced, long Repaid, PrepaymentLevel Level, long TopupDue)
{
    /// <summary>Advanced and not yet repaid.</summary>
    public long Outstanding => checked(Advanced - Repaid);

    /// <summary>Outstanding ÷ prepayment in basis points (−1 without a prepayment).</summary>
    public long UsageBp => PrepaymentFigures.UsageBp(Outstanding, Prepayment);
}
