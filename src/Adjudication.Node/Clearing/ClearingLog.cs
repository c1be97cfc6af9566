namespace Adjudication.Node.Clearing;

/// <summary>Log events of clearing and prepayment (DESIGN.md §9, §11).</summary>
internal static partial class ClearingLog
{
    [LoggerMessage(EventId = 1501, EventName = "SendUpFailed", Level = LogLevel.Warning, Message = "{Count} clearing rows could not be handed to the parent node {Parent}; they stay in the outbox and are sent again")]
    public static partial void SendUpFailed(ILogger logger, int count, string parent, Exception exception);

    [LoggerMessage(EventId = 1504, EventName = "SendUpWaiting", Level = LogLevel.Warning, Message = "{Count} clearing rows wait for the parent node {Parent}, which does not answer ({Detail}); they stay in the outbox and are sent again")]
    public static partial void SendUpWaiting(ILogger logger, int count, string parent, string detail);

    [LoggerMessage(EventId = 1505, EventName = "AdvancedWithoutPrepayment", Level = LogLevel.Warning, Message = "Prepayment of {Province} is {Level}: {Outstanding} fen advanced for its persons and no prepayment deposited, since {Cause} {Reference}; emergency top-up due {TopupDue} fen")]
    public static partial void AdvancedWithoutPrepayment(ILogger logger, string province, Storage.Prepayment.PrepaymentLevel level, long outstanding, string cause, string reference, long topupDue);

    [LoggerMessage(EventId = 1502, EventName = "PrepaymentWarning", Level = LogLevel.Warning, Message = "Prepayment of {Province} is {Level} at usage {UsageBp} bp (outstanding {Outstanding} fen of prepayment {Prepayment} fen), crossed by {Cause} {Reference}; emergency top-up due {TopupDue} fen")]
    public static partial void PrepaymentWarning(ILogger logger, string province, Storage.Prepayment.PrepaymentLevel level, long usageBp, long outstanding, long prepayment, string cause, string reference, long topupDue);

    [LoggerMessage(EventId = 1503, EventName = "PrepaymentCleared", Level = LogLevel.Information, Message = "Prepayment of {Province} is back to {Level} at usage {UsageBp} bp (outstanding {Outstanding} fen of prepayment {Prepayment} fen) after {Cause} {Reference}")]
    public static partial void PrepaymentCleared(ILogger logger, string province, Storage.Prepayment.PrepaymentLevel level, long usageBp, long outstanding, long prepayment, string cause, string reference);
}
