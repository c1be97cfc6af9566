namespace Adjudication.Node.Dashboard;

/// <summary>One cell of the dashboard's clearing matrix: what a treatment region advanced this month for an insured region's persons.</summary>
/// <param name="Insured">参保地: the row.</param>
/// <param name="Treatment">就医地: the column.</param>
/// <param name="Settlements">Settlements less their cancels and reversals.</param>
/// <param name="AdvancedFen">Funds and personal accounts paid, net of cancels (fund_pay_sumamt + acct_pay), fen.</param>
internal sealed record ClearingCell(string Insured, string Treatment, long Settlements, long AdvancedFen);
