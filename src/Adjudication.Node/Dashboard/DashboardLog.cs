namespace Adjudication.Node.Dashboard;

/// <summary>Log events of the dashboard (DESIGN.md §9).</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(EventId = 1601, EventName = "Listening", Level = LogLevel.Information, Message = "Network dashboard at {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(EventId = 1602, EventName = "PageFailed", Level = LogLevel.Warning, Message = "The dashboard page could not be built")]
    public static partial void PageFailed(ILogger logger, Exception exception);
}
