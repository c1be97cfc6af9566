using Adjudication.Domain.Time;
using Adjudication.Node.Network;

namespace Adjudication.Node.Dashboard;

/// <summary>
/// Builds the dashboard's snapshot: the nodes in view probed in parallel (a node that does not answer within a second
/// is down), and the settlement calls this node answered.
/// </summary>
internal sealed class DashboardBuilder(NetworkClient network, PeerClients peers, SettlementPulse pulse, TimeProvider clock)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The snapshot of now.</summary>
    public async Task<DashboardSnapshot> BuildAsync(CancellationToken cancellationToken)
    {
        var router = network.Router ?? throw new InvalidOperationException("the dashboard is served by a node of a network (national or provincial)");
        var shown = router.Self.Role == NodeRole.National ? router.Topology.Nodes : [router.Self, .. router.Children];
        var probes = shown.Select(node => node.Id == router.Self.Id ? Task.FromResult(true) : peers.ProbeAsync(node, ProbeTimeout, cancellationToken)).ToArray();
        var up = await Task.WhenAll(probes).ConfigureAwait(false);
        var nodes = shown.Select((node, i) => new NodeStatus(node.Id, NodeRoles.Name(node.Role), node.Admdvs, node.Addresses, up[i])).ToList();
        return new DashboardSnapshot(router.Self.Id, NodeRoles.Name(router.Self.Role), ChinaTime.Now(clock), nodes, pulse.PerSecond(10), pulse.PerSecond(59));
    }
}
