using Adjudication.Node.Network;

namespace Adjudication.Node.Tests.Network;

/// <summary>Next-hop routing of DESIGN.md §3 at each role.</summary>
public sealed class RouterTests
{
    private static readonly NetworkTopology Topology = new(TestTopologies.ThreeProvinces());

    [Theory]
    // Municipal: its city and the city's counties are local; all else goes to the province.
    [InlineData("M-140100", "140100", null)]
    [InlineData("M-140100", "140105", null)]
    [InlineData("M-140100", "140400", "P-140000")]
    [InlineData("M-140100", "140421", "P-140000")]
    [InlineData("M-140100", "140000", "P-140000")]
    [InlineData("M-140100", "110105", "P-140000")]
    [InlineData("M-140100", "150100", "P-140000")]
    [InlineData("M-140100", "000000", "P-140000")]
    // Provincial: its own code is local; its cities and their counties go down; all else up to the national node.
    [InlineData("P-140000", "140000", null)]
    [InlineData("P-140000", "140100", "M-140100")]
    [InlineData("P-140000", "140400", "M-140400")]
    [InlineData("P-140000", "140421", "M-140400")]
    [InlineData("P-140000", "110105", "N")]
    [InlineData("P-140000", "110000", "N")]
    [InlineData("P-140000", "150100", "N")]
    [InlineData("P-140000", "000000", "N")]
    // National: its own code is local; every division goes down to its province.
    [InlineData("N", "000000", null)]
    [InlineData("N", "140000", "P-140000")]
    [InlineData("N", "140421", "P-140000")]
    [InlineData("N", "110105", "P-110000")]
    [InlineData("N", "230100", "P-230000")]
    public void NextHop_Target_RoutesAsDesigned(string self, string target, string? expectedPeer)
    {
        // Arrange
        var router = new Router(Topology, self);

        // Act
        var route = router.NextHop(target);

        // Assert
        Assert.Equal(expectedPeer is null, route.IsLocal);
        Assert.Equal(expectedPeer, route.Peer?.Id);
    }

    [Theory]
    [InlineData("N", "150100")]
    [InlineData("N", "150000")]
    [InlineData("P-140000", "140500")]
    [InlineData("P-140000", "140512")]
    [InlineData("P-140000", "140012")]
    public void NextHop_NoNodeServesTarget_ThrowsNoRoute(string self, string target)
    {
        // Arrange
        var router = new Router(Topology, self);

        // Act
        var ex = Assert.Throws<NoRouteException>(() => router.NextHop(target));

        // Assert
        Assert.Equal(target, ex.Target);
        Assert.Equal($"No node in the topology serves {target}; the insured region is not connected to this network.", ex.Message);
    }

    [Theory]
    [InlineData("N", "")]
    [InlineData("N", "14010")]
    [InlineData("P-140000", "1401000")]
    [InlineData("P-140000", "14O100")]
    [InlineData("M-140100", "001401")]
    [InlineData("M-140100", "14-100")]
    [InlineData("M-140100", "１４０１００")]
    public void NextHop_MalformedTarget_ThrowsNoRoute(string self, string target)
    {
        // Arrange
        var router = new Router(Topology, self);

        // Act
        var ex = Assert.Throws<NoRouteException>(() => router.NextHop(target));

        // Assert
        Assert.Equal(target, ex.Target);
        Assert.Contains($"'{target}' is not a division code", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("M-140400", "110105", new[] { "M-140400", "P-140000", "N", "P-110000", "M-110100" })]
    [InlineData("M-110100", "140421", new[] { "M-110100", "P-110000", "N", "P-140000", "M-140400" })]
    [InlineData("M-230100", "110100", new[] { "M-230100", "P-230000", "N", "P-110000", "M-110100" })]
    [InlineData("M-140100", "140421", new[] { "M-140100", "P-140000", "M-140400" })]
    [InlineData("M-140100", "140102", new[] { "M-140100" })]
    [InlineData("M-140100", "110000", new[] { "M-140100", "P-140000", "N", "P-110000" })]
    public void NextHop_FollowedFromTreatmentCity_VisitsExactlyTheDesignedHops(string start, string target, string[] expected)
    {
        // Arrange: one router per node, as each node of the network would hold.
        var routers = new Dictionary<string, Router>(StringComparer.Ordinal);
        foreach (var node in Topology.Nodes)
        {
            routers[node.Id] = new Router(Topology, node.Id);
        }

        // Act
        var hops = new List<string> { start };
        var route = routers[start].NextHop(target);
        while (!route.IsLocal && hops.Count <= Topology.Nodes.Count)
        {
            hops.Add(route.Peer!.Id);
            route = routers[route.Peer.Id].NextHop(target);
        }

        // Assert
        Assert.Equal(expected, hops);
    }

    [Fact]
    public void Children_EachRole_AreTheNodesBelow()
    {
        // Act
        var national = new Router(Topology, "N");
        var shanxi = new Router(Topology, "P-140000");
        var taiyuan = new Router(Topology, "M-140100");

        // Assert
        Assert.Equal(["P-140000", "P-110000", "P-230000"], national.Children.Select(n => n.Id));
        Assert.Equal(["M-140100", "M-140400"], shanxi.Children.Select(n => n.Id));
        Assert.Empty(taiyuan.Children);
        Assert.Null(national.Parent);
        Assert.Equal("N", shanxi.Parent?.Id);
        Assert.Equal("P-140000", taiyuan.Parent?.Id);
        Assert.Equal("140100", taiyuan.Self.Admdvs);
        Assert.Same(Topology, taiyuan.Topology);
    }

    [Fact]
    public void Ctor_UnknownSelf_ThrowsTopologyException()
    {
        // Act
        var ex = Assert.Throws<TopologyException>(() => new Router(Topology, "M-999900"));

        // Assert
        var problem = Assert.Single(ex.Problems);
        Assert.Contains("no node with id M-999900", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_InvalidTopology_ThrowsTopologyException()
    {
        // Arrange: Changzhi hung under Beijing.
        var nodes = TestTopologies.ThreeProvinces();
        nodes.Single(n => n.Id == "M-140400").Parent = "P-110000";

        // Act
        var ex = Assert.Throws<TopologyException>(() => new Router(new NetworkTopology(nodes), "M-140100"));

        // Assert
        Assert.Contains("M-140400", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_NoAddressesYet_RoutesToNodeWhoseAddressesAreFilledLater()
    {
        // Arrange: an in-process harness learns its nodes' ports only after starting them.
        var nodes = TestTopologies.ThreeProvinces();
        nodes.ForEach(n => n.Addresses.Clear());
        var router = new Router(new NetworkTopology(nodes), "M-140100");

        // Act
        nodes.Single(n => n.Id == "P-140000").Addresses.Add("http://127.0.0.1:40123");
        var route = router.NextHop("110105");

        // Assert
        Assert.Equal(["http://127.0.0.1:40123"], route.Peer!.Addresses);
    }

    [Fact]
    public void Local_Default_IsLocalWithoutPeer()
    {
        // Assert
        Assert.True(Route.Local.IsLocal);
        Assert.Null(Route.Local.Peer);
        Assert.False(new Route(Topology.GetById("N")).IsLocal);
    }
}
