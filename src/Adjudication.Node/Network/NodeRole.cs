namespace Adjudication.Node.Network;

/// <summary>The level a node serves in the network (DESIGN.md §3); counties belong to their city's node.</summary>
public enum NodeRole
{
    /// <summary>The national node (部): routes between provinces; its division is <c>000000</c>.</summary>
    National,

    /// <summary>A provincial node (省, <c>PP0000</c>): routes between its cities and up to the national node.</summary>
    Provincial,

    /// <summary>A municipal node (市, <c>PPCC00</c>): serves the city and its counties.</summary>
    Municipal,
}
