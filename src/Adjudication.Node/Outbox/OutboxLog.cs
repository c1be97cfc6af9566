namespace Adjudication.Node.Outbox;

/// <summary>Log events of the outbox worker (DESIGN.md §6, §9).</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 1301, EventName = "ApplyFailed", Level = LogLevel.Warning, Message = "Outbox entries of {Slots} slots could not be applied; retrying in {Pause}")]
    public static partial void ApplyFailed(ILogger logger, int slots, TimeSpan pause, Exception exception);

    [LoggerMessage(EventId = 1302, EventName = "EntriesLeft", Level = LogLevel.Warning, Message = "{Count} outbox entries of slot {Slot} were not applied (a push whose route is down, or an entry that cannot be applied); retrying in {Pause}")]
    public static partial void EntriesLeft(ILogger logger, int count, int slot, TimeSpan pause);

    [LoggerMessage(EventId = 1303, EventName = "UnknownKind", Level = LogLevel.Error, Message = "Outbox entry {Field} in slot {Slot} is of a kind no handler applies; it stays in the outbox")]
    public static partial void UnknownKind(ILogger logger, string field, int slot);

    [LoggerMessage(EventId = 1304, EventName = "Swept", Level = LogLevel.Information, Message = "Outbox sweep found {Entries} entries waiting in {Slots} slots")]
    public static partial void Swept(ILogger logger, long entries, int slots);

    [LoggerMessage(EventId = 1305, EventName = "SweepFailed", Level = LogLevel.Warning, Message = "Outbox sweep could not walk the slots; the next one runs in {Pause}")]
    public static partial void SweepFailed(ILogger logger, TimeSpan pause, Exception exception);

    [LoggerMessage(EventId = 1306, EventName = "SweepWaiting", Level = LogLevel.Information, Message = "Outbox sweep waits for the store to answer; the next one runs in {Pause}")]
    public static partial void SweepWaiting(ILogger logger, TimeSpan pause);

    [LoggerMessage(EventId = 1307, EventName = "ApplyWaiting", Level = LogLevel.Information, Message = "Outbox entries of {Slots} slots wait for the store to answer; retrying in {Pause}")]
    public static partial void ApplyWaiting(ILogger logger, int slots, TimeSpan pause);

    [LoggerMessage(EventId = 1308, EventName = "Unreadable", Level = LogLevel.Error, Message = "Outbox entry {Field} in slot {Slot} cannot be applied: {Problem}. It stays in the outbox (the backlog counts it) and holds back no other entry; repair or remove it, and a later sweep applies what is left")]
    public static partial void Unreadable(ILogger logger, string field, int slot, string problem, Exception? exception);
}
