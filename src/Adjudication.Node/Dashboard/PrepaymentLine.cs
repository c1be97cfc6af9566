using Adjudication.Storage.Prepayment;

namespace Adjudication.Node.Dashboard;

/// <summary>An insured province's prepayment as the national dashboard shows it (DESIGN.md §11).</summary>
/// <param name="Province">The insured province.</param>
/// <param name="PrepaymentFen">Deposits and top-ups.</param>
/// <param name="OutstandingFen">Advanced for its persons and not yet repaid.</param>
/// <param name="UsageBp">Outstanding ÷ prepayment in basis points; −1 without a prepayment.</param>
/// <param name="Level">Green, yellow (from 70%) or red (from 90%).</param>
internal sealed record PrepaymentLine(string Province, long PrepaymentFen, long OutstandingFen, long UsageBp, PrepaymentLevel Level);
