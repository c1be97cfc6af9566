namespace Adjudication.Storage.Outbox;

/// <summary>
/// An effect on another slot, written by the script that commits its cause and applied later by the outbox worker
/// (DESIGN.md §6). <paramref name="Kind"/> names its handler; <paramref name="Id"/> is unique within the kind and
/// stable, so writing the entry again and applying it again change nothing.
/// </summary>
public sealed record OutboxEntry(string Kind, string Id, string Payload)
{
    /// <summary>The entry's field in its slot's outbox hash: kind and id (made once: a settle's script and the worker's delete both send it).</summary>
    public string Field { get; } = string.Concat(Kind, ":", Id);

    /// <summary>
    /// What the payload was made from, when the entry was made in this process and handed to the worker at commit
    /// (its handler then need not parse the payload); null for an entry read from the store.
    /// </summary>
    public object? Source { get; init; }

    /// <summary>The entry stored under <paramref name="field"/> with <paramref name="payload"/>.</summary>
    public static OutboxEntry Parse(string field, string payload)
    {
        var cut = field.IndexOf(':', StringComparison.Ordinal);
        return cut <= 0
            ? throw new InvalidDataException($"outbox field '{field}' names no kind")
            : new OutboxEntry(field[..cut], field[(cut + 1)..], payload);
    }
}
