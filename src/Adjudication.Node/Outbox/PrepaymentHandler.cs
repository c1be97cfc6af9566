using Adjudication.Node.Clearing;
using Adjudication.Storage.Clearing;
using Adjudication.Storage.Outbox;

namespace Adjudication.Node.Outbox;

/// <summary>At the national node: counts cross-province rows into their insured province's prepayment usage (DESIGN.md §11).</summary>
internal sealed class PrepaymentHandler(PrepaymentDesk desk) : IOutboxHandler
{
    public string Kind => ClearingFeed.PrepaymentKind;

    public async Task<IReadOnlyList<OutboxEntry>> ApplyAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        await desk.BookAsync([.. entries.Select(ClearingFeed.Read)]).ConfigureAwait(false);
        return entries;
    }
}
