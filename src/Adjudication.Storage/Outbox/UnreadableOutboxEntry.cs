namespace Adjudication.Storage.Outbox;

/// <summary>
/// An outbox entry that cannot be read (<see cref="OutboxStore.ReadAsync"/>): its <paramref name="Field"/> and what is
/// wrong with it (<paramref name="Problem"/>). It stays in the store until it is repaired or removed by hand.
/// </summary>
public sealed record UnreadableOutboxEntry(string Field, string Problem);
