namespace Adjudication.Node.Network;

/// <summary>Source-generated log messages of the network layer (event ids 1100-1199).</summary>
internal static partial class NetworkLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Push of filing {FilingId} v{Version} toward {Dest} failed, will retry: {Error}")]
    public static partial void FilingPushFailed(ILogger logger, string filingId, long version, string dest, string error);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Push of filing {FilingId} v{Version} reached {Dest} on retry")]
    public static partial void FilingPushDelivered(ILogger logger, string filingId, long version, string dest);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Catalog version {Version} could not be handed to {Node}: {Error}")]
    public static partial void CatalogDistributionFailed(ILogger logger, string version, string node, string error);
}
