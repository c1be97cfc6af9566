namespace Adjudication.Node.Dashboard;

/// <summary>What the dashboard page shows at one moment (DESIGN.md §9, §11).</summary>
/// <param name="NodeId">The node serving the page.</param>
/// <param name="Role">Its role: national or provincial.</param>
/// <param name="At">China time of the snapshot.</param>
/// <param name="Nodes">The nodes shown: the whole network at the national node, the province and its cities at a provincial one.</param>
/// <param name="CallsLast10Seconds">Settlement calls a second this node answered over the last 10 seconds.</param>
/// <param name="CallsLastMinute">The same over the last minute.</param>
/// <param name="Month">The current China month, "yyyy-MM", whose clearing the matrix shows.</param>
/// <param name="Regions">The regions this node clears between: provinces at the national node, cities at a province.</param>
/// <param name="Clearing">The month's clearing matrix, one cell per ordered pair of <paramref name="Regions"/>.</param>
/// <param name="Prepayments">Each insured province's prepayment usage (the national node only).</param>
internal sealed record DashboardSnapshot(
    string NodeId,
    string Role,
    DateTimeOffset At,
    IReadOnlyList<NodeStatus> Nodes,
    decimal CallsLast10Seconds,
    decimal CallsLastMinute,
    string Month,
    IReadOnlyList<string> Regions,
    IReadOnlyList<ClearingCell> Clearing,
    IReadOnlyList<PrepaymentLine> Prepayments);
