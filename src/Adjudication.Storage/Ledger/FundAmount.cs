namespace Adjudication.Storage.Ledger;

/// <summary>What one fund type (<c>fund_pay_type</c>, e.g. 310100) paid in a ledger row, in fen.</summary>
public sealed record FundAmount(int FundPayType, long Fen);
