using Adjudication.Domain.Time;
using Adjudication.Node.Network;
using Adjudication.Storage.Clearing;
using Adjudication.Storage.Prepayment;

namespace Adjudication.Node.Dashboard;

/// <summary>
/// Builds the dashboard's snapshot: the nodes in view probed in parallel (a node that does not answer within a second
/// is down), the settlement calls this node answered, the current month's clearing matrix as this node's aggregates hold
/// it (the national node: insured province × treatment province; a province: its cities) and, at the national node,
/// each insured province's prepayment usage (DESIGN.md §11).
/// </summary>
internal sealed class DashboardBuilder(NetworkClient network, PeerClients peers, SettlementPulse pulse, ClearingStore clearing, PrepaymentStore prepayments, TimeProvider clock)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The snapshot of now.</summary>
    public async Task<DashboardSnapshot> BuildAsync(CancellationToken cancellationToken)
    {
        var router = network.Router ?? throw new InvalidOperationException("the dashboard is served by a node of a network (national or provincial)");
        var national = router.Self.Role == NodeRole.National;
        var shown = national ? router.Topology.Nodes : [router.Self, .. router.Children];
        var probes = shown.Select(node => node.Id == router.Self.Id ? Task.FromResult(true) : peers.ProbeAsync(node, ProbeTimeout, cancellationToken)).ToArray();
        var now = ChinaTime.Now(clock);
        var regions = router.Children.Select(c => c.Admdvs).ToList();
        var month = now.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture);
        var cells = MatrixAsync(month, regions);
        var usage = national ? PrepaymentsAsync(regions) : Task.FromResult<IReadOnlyList<PrepaymentLine>>([]);
        var up = await Task.WhenAll(probes).ConfigureAwait(false);
        var nodes = shown.Select((node, i) => new NodeStatus(node.Id, NodeRoles.Name(node.Role), node.Admdvs, node.Addresses, up[i])).ToList();
        return new DashboardSnapshot(
            router.Self.Id, NodeRoles.Name(router.Self.Role), now, nodes, pulse.PerSecond(10), pulse.PerSecond(59),
            $"{month[..4]}-{month[4..]}", regions, await cells.ConfigureAwait(false), await usage.ConfigureAwait(false));
    }

    // Every ordered pair of the regions this node clears between (a region's own persons treated at home are not cleared).
    private async Task<IReadOnlyList<ClearingCell>> MatrixAsync(string month, IReadOnlyList<string> regions)
    {
        var pairs = regions.SelectMany(insured => regions.Where(treatment => treatment != insured).Select(treatment => new ClearingPair(month, treatment, insured))).ToList();
        var totals = await Task.WhenAll(pairs.Select(p => clearing.TotalsAsync(p))).ConfigureAwait(false);
        return [.. pairs.Select((p, i) => new ClearingCell(p.Insured, p.Treatment, totals[i].Settled.Count - totals[i].Reversed.Count, totals[i].Advanced))];
    }

    private async Task<IReadOnlyList<PrepaymentLine>> PrepaymentsAsync(IReadOnlyList<string> provinces)
    {
        var states = await Task.WhenAll(provinces.Select(prepayments.StateAsync)).ConfigureAwait(false);
        return [.. states.Select(s => new PrepaymentLine(s.Province, s.Prepayment, s.Outstanding, s.UsageBp, s.Level))];
    }
}
