using System.Text.Json.Serialization;

namespace Adjudication.Node.Network;

/// <summary>
/// One node of the topology file (DESIGN.md §3): its id, role, division, the addresses it answers at (active first,
/// then standbys) and its parent. Settable so that System.Text.Json can read it and so that an in-process harness can
/// fill <see cref="Addresses"/> once its nodes have bound their ports.
/// </summary>
public sealed class TopologyNode
{
    /// <summary>The node's unique id, e.g. <c>M-140100</c>; a node finds itself in the topology by it.</summary>
    [JsonRequired]
    public string Id { get; set; } = string.Empty;

    /// <summary>The level the node serves.</summary>
    [JsonRequired]
    public NodeRole Role { get; set; }

    /// <summary>The division the node serves: <c>000000</c> (national), <c>PP0000</c> (province) or <c>PPCC00</c> (city).</summary>
    [JsonRequired]
    public string Admdvs { get; set; } = string.Empty;

    /// <summary>
    /// The node's gRPC addresses (absolute http or https URIs); peers call the first that answers, so a standby
    /// follows the active one.
    /// </summary>
    public List<string> Addresses { get; set; } = [];

    /// <summary>The id of the parent node; <see langword="null"/> for the national node only.</summary>
    public string? Parent { get; set; }

    /// <summary>Names the node for messages, e.g. <c>provincial node P-140000 (140000)</c>.</summary>
    public override string ToString() => $"{NodeRoles.Name(Role)} node {Id} ({Admdvs})";
}
