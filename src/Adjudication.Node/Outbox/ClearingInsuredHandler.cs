using Adjudication.Storage.Clearing;
using Adjudication.Storage.Outbox;

namespace Adjudication.Node.Outbox;

/// <summary>
/// Books the insured city's own records of its persons' settlements treated elsewhere, per month and treatment city
/// (DESIGN.md §11): what a clearing confirmation compares a declaration with. Each row is kept once.
/// </summary>
internal sealed class ClearingInsuredHandler(ClearingStore store) : IOutboxHandler
{
    public string Kind => ClearingFeed.InsuredKind;

    public async Task<IReadOnlyList<OutboxEntry>> ApplyAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        await store.BookInsuredAsync([.. entries.Select(ClearingFeed.Read)]).ConfigureAwait(false);
        return entries;
    }
}
