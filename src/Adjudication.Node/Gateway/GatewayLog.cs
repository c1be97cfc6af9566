namespace Adjudication.Node.Gateway;

/// <summary>Source-generated log messages of the JSON gateway (event ids 1400-1499), each with a stable id and name.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1401, EventName = "TransactionRefused", Level = LogLevel.Information, Message = "JSON transaction {Infno} refused: {Reason}")]
    public static partial void TransactionRefused(ILogger logger, string infno, string reason);

    [LoggerMessage(EventId = 1402, EventName = "EnvelopeUnreadable", Level = LogLevel.Information, Message = "JSON envelope refused with HTTP {StatusCode}: {Problem}")]
    public static partial void EnvelopeUnreadable(ILogger logger, int statusCode, string problem);

    [LoggerMessage(EventId = 1403, EventName = "TransactionStoreUnavailable", Level = LogLevel.Warning, Message = "JSON transaction {Infno} failed: store unavailable; answered STORE_UNAVAILABLE")]
    public static partial void TransactionStoreUnavailable(ILogger logger, string infno, Exception exception);

    [LoggerMessage(EventId = 1404, EventName = "TransactionUncheckedInput", Level = LogLevel.Warning, Message = "JSON transaction {Infno} refused as INVALID_REQUEST by the last-resort mapping: a value the checks let through; check it at its source")]
    public static partial void TransactionUncheckedInput(ILogger logger, string infno, Exception exception);

    [LoggerMessage(EventId = 1405, EventName = "TransactionFailed", Level = LogLevel.Error, Message = "JSON transaction {Infno} failed with an unexpected exception; answered INTERNAL_ERROR")]
    public static partial void TransactionFailed(ILogger logger, string infno, Exception exception);
}
