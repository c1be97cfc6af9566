namespace Adjudication.Node.Dashboard;

/// <summary>What the dashboard page shows at one moment (DESIGN.md §9, §11).</summary>
/// <param name="NodeId">The node serving the page.</param>
/// <param name="Role">Its role: national or provincial.</param>
/// <param name="At">China time of the snapshot.</param>
/// <param name="Nodes">The nodes shown: the whole network at the national node, the province and its cities at a provincial one.</param>
/// <param name="CallsLast10Seconds">Settlement calls a second this node answered over the last 10 seconds.</param>
/// <param name="CallsLastMinute">The same over the last minute.</param>
internal sealed record DashboardSnapshot(
    string NodeId,
    string Role,
    DateTimeOffset At,
    IReadOnlyList<NodeStatus> Nodes,
    decimal CallsLast10Seconds,
    decimal CallsLastMinute);
