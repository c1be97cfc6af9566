namespace Adjudication.Node.Network;

/// <summary>Metadata a node-to-node call carries (DESIGN.md §3).</summary>
internal static class NetworkHeaders
{
    /// <summary>The division the call is for; relays route on it without reading the request body.</summary>
    public const string Target = "adjudication-target";
}
