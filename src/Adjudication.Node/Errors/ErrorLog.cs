namespace Adjudication.Node.Errors;

/// <summary>Source-generated log messages of the error mapping (event ids 1200-1299), each with a stable id and name.</summary>
internal static partial class ErrorLog
{
    [LoggerMessage(EventId = 1201, EventName = "UncheckedInput", Level = LogLevel.Warning, Message = "Call {Method} refused as INVALID_ARGUMENT by the last-resort mapping: a value the request checks let through; check it at its source")]
    public static partial void UncheckedInput(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 1202, EventName = "HandlerFailed", Level = LogLevel.Error, Message = "Call {Method} failed with an unexpected exception; answered INTERNAL_ERROR")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);
}
