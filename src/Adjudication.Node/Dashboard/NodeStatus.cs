namespace Adjudication.Node.Dashboard;

/// <summary>A node of the network as the dashboard shows it: its topology entry and whether its health service answered.</summary>
/// <param name="Id">The node's topology id.</param>
/// <param name="Role">national, provincial or municipal.</param>
/// <param name="Admdvs">Its division.</param>
/// <param name="Addresses">Where it listens.</param>
/// <param name="Up">True when an address answered SERVING (the dashboard's own node is up by being there).</param>
internal sealed record NodeStatus(string Id, string Role, string Admdvs, IReadOnlyList<string> Addresses, bool Up);
