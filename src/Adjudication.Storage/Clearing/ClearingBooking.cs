using Adjudication.Storage.Outbox;

namespace Adjudication.Storage.Clearing;

/// <summary>A row to book into the aggregate of <paramref name="Pair"/> and, when newly booked there, the outbox entry <paramref name="Then"/> that carries it on.</summary>
public sealed record ClearingBooking(ClearingPair Pair, ClearingRow Row, OutboxEntry? Then);
