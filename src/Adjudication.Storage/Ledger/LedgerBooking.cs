using Adjudication.Storage.Outbox;

namespace Adjudication.Storage.Ledger;

/// <summary>A ledger row as an outbox entry (DESIGN.md §6, §11): written by the script that commits its settlement or cancel.</summary>
public static class LedgerBooking
{
    /// <summary>The outbox kind of ledger rows.</summary>
    public const string Kind = "ledger";

    /// <summary>The entry that books <paramref name="row"/>.</summary>
    public static OutboxEntry Entry(LedgerRow row) => new(Kind, row.Id, LedgerLine.Format(row)) { Source = row };

    /// <summary>The row an entry of <see cref="Kind"/> books: the one it was made from, else parsed from its payload.</summary>
    public static LedgerRow Read(OutboxEntry entry) => entry.Source as LedgerRow ?? LedgerLine.Parse(entry.Payload);
}
