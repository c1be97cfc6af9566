using Adjudication.Node.Clearing;
using Adjudication.Storage.Ledger;
using Adjudication.Storage.Outbox;

namespace Adjudication.Node.Outbox;

/// <summary>
/// Books ledger rows from the outbox into the hospital ledger (DESIGN.md §11); the ledger keeps each row once. Rows of
/// persons insured in another city also go into the city's clearing aggregates (kept once too) before the entries are
/// deleted, so a crash in between books both again and counts nothing twice.
/// </summary>
internal sealed class LedgerBookingHandler(LedgerStore ledger, ClearingFlow clearing) : IOutboxHandler
{
    public string Kind => LedgerBooking.Kind;

    public async Task<IReadOnlyList<OutboxEntry>> ApplyAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        await ledger.ApplyAsync(entries).ConfigureAwait(false);
        await clearing.BookTreatedAsync(entries).ConfigureAwait(false);
        return entries;
    }
}
