namespace Adjudication.Node.Network;

/// <summary>Metadata a node-to-node call carries (DESIGN.md §3).</summary>
public static class NetworkHeaders
{
    /// <summary>The division the call is for; relays route on it without reading the request body.</summary>
    public const string Target = "adjudication-target";

    /// <summary>
    /// The identity URI of the hospital, agency or node a relayed call acts for (DESIGN.md §8); the next node trusts it
    /// because a verified neighbour sent it.
    /// </summary>
    public const string Caller = "adjudication-caller";

    /// <summary>The topology id of the node where a relayed call entered the network.</summary>
    public const string Origin = "adjudication-origin";

    /// <summary>
    /// Development mode only (plaintext on loopback): the caller's identity URI, standing in for the certificate it
    /// would present. A node with TLS ignores it.
    /// </summary>
    public const string DevIdentity = "adjudication-dev-identity";
}
