namespace Adjudication.Node.Hosting;

/// <summary>
/// Source-generated log messages of the node (event ids 1000-1099), each with a stable id and name, in the style of
/// grpc-dotnet's <c>GrpcServerLog</c>. Never log names or ID numbers.
/// </summary>
internal static partial class NodeLog
{
    [LoggerMessage(EventId = 1001, EventName = "CallRefused", Level = LogLevel.Information, Message = "Call {Method} refused: {Reason}")]
    public static partial void CallRefused(ILogger logger, string method, string reason);

    [LoggerMessage(EventId = 1002, EventName = "StoreUnavailable", Level = LogLevel.Warning, Message = "Call {Method} failed: store unavailable; answered UNAVAILABLE (STORE_UNAVAILABLE)")]
    public static partial void StoreUnavailable(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 1003, EventName = "NodeStarted", Level = LogLevel.Information, Message = "Node {Admdvs} ({Role}) configured; store {Store}, catalog versions {CatalogVersions}")]
    public static partial void NodeStarted(ILogger logger, string admdvs, string role, string store, int catalogVersions);

    [LoggerMessage(EventId = 1004, EventName = "StaleSnapshot", Level = LogLevel.Debug, Message = "Settlement retry {Attempt} for a stale snapshot")]
    public static partial void StaleSnapshot(ILogger logger, int attempt);

    [LoggerMessage(EventId = 1005, EventName = "StoreUnreachable", Level = LogLevel.Warning, Message = "Redis at {Store} did not answer within {TimeoutMilliseconds} ms. The node starts anyway and keeps reconnecting; until the store answers, calls that need it answer UNAVAILABLE (STORE_UNAVAILABLE) and health reports NOT_SERVING. Check Node:Redis:Configuration (--redis) if it should be up.")]
    public static partial void StoreUnreachable(ILogger logger, string store, int timeoutMilliseconds);
}
