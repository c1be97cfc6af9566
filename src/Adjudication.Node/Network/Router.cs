using System.Diagnostics.CodeAnalysis;
using Adjudication.Domain.Divisions;

namespace Adjudication.Node.Network;

/// <summary>
/// Picks the next hop toward a division (DESIGN.md §3). A municipal node serves its city and the city's counties and
/// sends everything else to its province; a provincial node serves its own code, sends a division of its province
/// down to that city's node and everything else up to the national node; the national node sends each division down
/// to its province. A cross-province call therefore runs M_T → P_T → N → P_I → M_I.
/// </summary>
/// <remarks>
/// <see cref="NextHop"/> is on every relayed call: the children are indexed once by the digits that name them (the
/// province's two, a city's four) and looked up by a span of the target, so routing allocates nothing.
/// </remarks>
public sealed class Router
{
    /// <summary>The division of the national node; not a valid <see cref="Admdvs"/> code, but a valid target.</summary>
    public const string NationalAdmdvs = "000000";

    private readonly TopologyNode? _parent;
    private readonly Dictionary<string, TopologyNode>.AlternateLookup<ReadOnlySpan<char>> _childByPrefix;
    private readonly int _prefixLength;

    /// <summary>Routes for node <paramref name="selfId"/> of <paramref name="topology"/>, which is validated first (addresses not required).</summary>
    /// <exception cref="TopologyException">The topology breaks a rule, or has no node <paramref name="selfId"/>.</exception>
    public Router(NetworkTopology topology, string selfId)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(selfId);
        topology.Validate(requireAddresses: false);
        Topology = topology;
        Self = topology.GetById(selfId);
        _parent = Self.Parent is null ? null : topology.GetById(Self.Parent);
        Children = topology.ChildrenOf(Self.Id);

        // A national node's children are provinces, named by their first two digits; a province's are cities, by four.
        _prefixLength = Self.Role == NodeRole.National ? 2 : 4;
        var children = new Dictionary<string, TopologyNode>(StringComparer.Ordinal);
        foreach (var child in Children)
        {
            children.Add(child.Admdvs[.._prefixLength], child);
        }

        _childByPrefix = children.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The node this router runs on.</summary>
    public TopologyNode Self { get; }

    /// <summary>The node's parent; <see langword="null"/> at the national node.</summary>
    public TopologyNode? Parent => _parent;

    /// <summary>The topology routed on.</summary>
    public NetworkTopology Topology { get; }

    /// <summary>The nodes directly below this one: a national node's provinces, a province's cities; none for a city.</summary>
    public IReadOnlyList<TopologyNode> Children { get; }

    /// <summary>
    /// The next hop toward <paramref name="targetAdmdvs"/>: a county <c>PPCCXX</c> (served by its city's node), a city
    /// <c>PPCC00</c>, a province <c>PP0000</c> or the national <c>000000</c>.
    /// </summary>
    /// <exception cref="NoRouteException">The target is not a division code, or no node of the topology serves it.</exception>
    public Route NextHop(string targetAdmdvs)
    {
        ArgumentNullException.ThrowIfNull(targetAdmdvs);
        if (targetAdmdvs == NationalAdmdvs)
        {
            return _parent is null ? Route.Local : new Route(_parent);
        }

        if (!Admdvs.IsValid(targetAdmdvs))
        {
            ThrowMalformed(targetAdmdvs);
        }

        var target = targetAdmdvs.AsSpan();
        var self = Self.Admdvs.AsSpan();
        switch (Self.Role)
        {
            case NodeRole.Municipal:
                // city(target) == self: the same PPCC; a province code PP0000 is never a city's.
                return target[..4].SequenceEqual(self[..4]) ? Route.Local : new Route(_parent);

            case NodeRole.Provincial:
                if (!target[..2].SequenceEqual(self[..2]))
                {
                    return new Route(_parent);
                }

                if (target.SequenceEqual(self))
                {
                    return Route.Local;
                }

                return Down(targetAdmdvs);

            default:
                return Down(targetAdmdvs);
        }
    }

    private Route Down(string targetAdmdvs)
    {
        if (!_childByPrefix.TryGetValue(targetAdmdvs.AsSpan(0, _prefixLength), out var child))
        {
            ThrowNoNode(targetAdmdvs);
        }

        return new Route(child);
    }

    [DoesNotReturn]
    private static void ThrowNoNode(string target) => throw new NoRouteException(target);

    [DoesNotReturn]
    private static void ThrowMalformed(string target) =>
        throw new NoRouteException(target, $"'{target}' is not a division code (6 digits, PPCCXX); no route leads to it.");
}
