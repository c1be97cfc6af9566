namespace Adjudication.Node.Network;

/// <summary>Source-generated log messages of the network layer (event ids 1100-1199), each with a stable id and name.</summary>
internal static partial class NetworkLog
{
    [LoggerMessage(EventId = 1101, EventName = "FilingPushFailed", Level = LogLevel.Warning, Message = "Push of filing {FilingId} v{Version} toward {Dest} failed, will retry")]
    public static partial void FilingPushFailed(ILogger logger, string filingId, long version, string dest, Exception exception);

    [LoggerMessage(EventId = 1102, EventName = "FilingPushDelivered", Level = LogLevel.Information, Message = "Push of filing {FilingId} v{Version} reached {Dest} on retry")]
    public static partial void FilingPushDelivered(ILogger logger, string filingId, long version, string dest);

    [LoggerMessage(EventId = 1103, EventName = "CatalogDistributionFailed", Level = LogLevel.Warning, Message = "Catalog version {Version} could not be handed to {Node}")]
    public static partial void CatalogDistributionFailed(ILogger logger, string version, string node, Exception exception);

    [LoggerMessage(EventId = 1104, EventName = "ZoneDistributionFailed", Level = LogLevel.Warning, Message = "Integration zone {Zone} v{Version} could not be handed to {Node}")]
    public static partial void ZoneDistributionFailed(ILogger logger, string zone, long version, string node, Exception exception);

    [LoggerMessage(EventId = 1105, EventName = "ZoneDistributionDelivered", Level = LogLevel.Information, Message = "Integration zone {Zone} v{Version} reached {Node} on retry")]
    public static partial void ZoneDistributionDelivered(ILogger logger, string zone, long version, string node);

    [LoggerMessage(EventId = 1106, EventName = "ZoneDistributionDropped", Level = LogLevel.Warning, Message = "Integration zone {Zone} v{Version} was owed to {City}, which is no longer a city of this province in the topology: dropped")]
    public static partial void ZoneDistributionDropped(ILogger logger, string zone, long version, string city);

    [LoggerMessage(EventId = 1107, EventName = "ZonesOwedAtStart", Level = LogLevel.Information, Message = "Owed {Entries} zone versions to the province's {Cities} cities at start; the outbox delivers them")]
    public static partial void ZonesOwedAtStart(ILogger logger, int entries, int cities);
}
