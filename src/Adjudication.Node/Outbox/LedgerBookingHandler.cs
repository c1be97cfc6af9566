using Adjudication.Storage.Ledger;
using Adjudication.Storage.Outbox;

namespace Adjudication.Node.Outbox;

/// <summary>Books ledger rows from the outbox into the hospital ledger (DESIGN.md §11); the ledger keeps each row once.</summary>
internal sealed class LedgerBookingHandler(LedgerStore ledger) : IOutboxHandler
{
    public string Kind => LedgerBooking.Kind;

    public async Task<IReadOnlyList<OutboxEntry>> ApplyAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        await ledger.ApplyAsync(entries).ConfigureAwait(false);
        return entries;
    }
}
