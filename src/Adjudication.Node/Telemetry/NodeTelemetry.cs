using System.Collections.Frozen;
using System.Diagnostics;

namespace Adjudication.Node.Telemetry;

/// <summary>
/// The node's trace source and the names its telemetry uses (DESIGN.md §9). Spans and metrics carry codes, divisions,
/// node ids and outcomes only: never a person's name, ID number or psn_no (DESIGN.md §8).
/// </summary>
public static class NodeTelemetry
{
    /// <summary>Name of the node's <see cref="ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "Adjudication.Node";

    /// <summary>The span attribute naming the node that recorded a span (its topology id, or its division stand-alone).</summary>
    public const string NodeAttribute = "adjudication.node";

    /// <summary>The span attribute with the outcome: OK, or the refusal's reason (ErrorInfo.reason) or status code.</summary>
    public const string OutcomeAttribute = "adjudication.outcome";

    internal static readonly ActivitySource Source = new(Name);

    /// <summary>The national transaction number each method answers (DESIGN.md §2), for traces and dashboards.</summary>
    internal static readonly FrozenDictionary<string, string> Infno = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/adjudication.v1.SettlementService/GetPerson"] = "1101",
        ["/adjudication.v1.SettlementService/RegisterVisit"] = "2201",
        ["/adjudication.v1.SettlementService/UploadFees"] = "2204",
        ["/adjudication.v1.SettlementService/PreSettle"] = "2206",
        ["/adjudication.v1.SettlementService/Settle"] = "2207",
        ["/adjudication.v1.SettlementService/CancelSettlement"] = "2208",
        ["/adjudication.v1.SettlementService/Reverse"] = "2601",
        ["/adjudication.v1.SettlementService/Discharge"] = "2402",
        ["/adjudication.v1.FilingService/RegisterFiling"] = "2501",
        ["/adjudication.v1.FilingService/RevokeFiling"] = "2503",
        ["/adjudication.v1.NetworkService/FindPerson"] = "1101",
        ["/adjudication.v1.NetworkService/Adjudicate"] = "2207",
        ["/adjudication.v1.NetworkService/CancelSettlement"] = "2208",
        ["/adjudication.v1.NetworkService/Reverse"] = "2601",
        ["/adjudication.v1.NetworkService/PushFiling"] = "2501",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
