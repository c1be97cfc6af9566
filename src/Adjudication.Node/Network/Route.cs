namespace Adjudication.Node.Network;

/// <summary>The next hop for a call: handle it here (<see cref="IsLocal"/>) or forward it to <see cref="Peer"/>.</summary>
/// <param name="Peer">The node to forward to; <see langword="null"/> when this node serves the target itself.</param>
public readonly record struct Route(TopologyNode? Peer)
{
    /// <summary>The route of a call this node serves itself.</summary>
    public static Route Local => default;

    /// <summary>Whether this node serves the target itself.</summary>
    public bool IsLocal => Peer is null;
}
