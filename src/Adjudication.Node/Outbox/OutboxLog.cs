namespace Adjudication.Node.Outbox;

/// <summary>Log events of the outbox worker (DESIGN.md §6, §9).</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 1301, EventName = "ApplyFailed", Level = LogLevel.Warning, Message = "Outbox entries of slot {Slot} could not be applied; retrying in {Pause}")]
    public static partial void ApplyFailed(ILogger logger, int slot, TimeSpan pause, Exception exception);

    [LoggerMessage(EventId = 1302, EventName = "EntriesLeft", Level = LogLevel.Warning, Message = "{Count} outbox entries of kind {Kind} in slot {Slot} were not applied; retrying in {Pause}")]
    public static partial void EntriesLeft(ILogger logger, int count, string kind, int slot, TimeSpan pause);

    [LoggerMessage(EventId = 1303, EventName = "UnknownKind", Level = LogLevel.Error, Message = "Outbox entry {Field} in slot {Slot} is of a kind no handler applies; it stays in the outbox")]
    public static partial void UnknownKind(ILogger logger, string field, int slot);

    [LoggerMessage(EventId = 1304, EventName = "Swept", Level = LogLevel.Information, Message = "Outbox sweep found {Entries} entries waiting in {Slots} slots")]
    public static partial void Swept(ILogger logger, long entries, int slots);

    [LoggerMessage(EventId = 1305, EventName = "SweepFailed", Level = LogLevel.Warning, Message = "Outbox sweep failed; the next one runs in {Pause}")]
    public static partial void SweepFailed(ILogger logger, TimeSpan pause, Exception exception);

    [LoggerMessage(EventId = 1306, EventName = "SweepWaiting", Level = LogLevel.Information, Message = "Outbox sweep waits for the store ({State}); the next one runs in {Pause}")]
    public static partial void SweepWaiting(ILogger logger, StackExchange.Redis.ConnectionFailureType state, TimeSpan pause);
}
