using Adjudication.Storage.Outbox;

namespace Adjudication.Node.Outbox;

/// <summary>Applies the outbox entries of one kind (DESIGN.md §6). Applying an entry twice must change nothing.</summary>
internal interface IOutboxHandler
{
    /// <summary>The kind of entries this handler applies.</summary>
    string Kind { get; }

    /// <summary>Applies <paramref name="entries"/>; returns those applied (the others stay in the outbox and are tried again later).</summary>
    Task<IReadOnlyList<OutboxEntry>> ApplyAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken);
}
