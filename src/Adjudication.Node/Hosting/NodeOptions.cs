using Adjudication.Storage;

namespace Adjudication.Node.Hosting;

/// <summary>What a node is and where it listens; bound from the "Node" configuration section.</summary>
public sealed class NodeOptions
{
    /// <summary>The node's division: a city (PPCC00) for the municipal role.</summary>
    public string Admdvs { get; set; } = "140100";

    /// <summary>national, provincial or municipal. This release serves the municipal role.</summary>
    public string Role { get; set; } = "municipal";

    /// <summary>Kestrel URL, e.g. http://127.0.0.1:5100; port 0 picks a free port.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5100";

    /// <summary>Most fee lines one UploadFees call may carry; larger bills are split over several calls.</summary>
    public int MaxFeeLinesPerCall { get; set; } = 1000;

    /// <summary>How many times a settle recomputes after losing a race for the same person before answering ABORTED.</summary>
    public int MaxSettleAttempts { get; set; } = 200;

    /// <summary>The Redis store.</summary>
    public RedisStoreOptions Redis { get; set; } = new();
}
