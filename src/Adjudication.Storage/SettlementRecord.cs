using Adjudication.Storage.Ledger;

namespace Adjudication.Storage;

/// <summary>
/// A settlement as a city holds it: the settle response's bytes, whether it was cancelled or reversed, its visit, and
/// where this city is the treatment city, the ledger row it booked, or where it is the insured city of a visit treated
/// elsewhere, its own clearing record of it (DESIGN.md §11).
/// </summary>
public sealed record SettlementRecord(byte[] Body, bool Cancelled, string MdtrtId, LedgerRow? Ledger, Clearing.ClearingRow? Clearing = null);
