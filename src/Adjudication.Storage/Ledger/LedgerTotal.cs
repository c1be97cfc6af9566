namespace Adjudication.Storage.Ledger;

/// <summary>The ledger's totals of one institution for one day, insutype, clearing type and refund flag (DESIGN.md §11).</summary>
public sealed record LedgerTotal(DateOnly Day, int Insutype, string ClrType, bool Refunded, LedgerSums Sums);
