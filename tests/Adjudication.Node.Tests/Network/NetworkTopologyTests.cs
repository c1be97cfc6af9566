using Adjudication.Node.Network;

namespace Adjudication.Node.Tests.Network;

/// <summary>The topology file and its rules (DESIGN.md §3).</summary>
public sealed class NetworkTopologyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("topology-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TopologyException Invalid(List<TopologyNode> nodes, bool requireAddresses = true) =>
        Assert.Throws<TopologyException>(() => new NetworkTopology(nodes).Validate(requireAddresses));

    private static TopologyNode Find(List<TopologyNode> nodes, string id) => nodes.Single(n => n.Id == id);

    [Fact]
    public void Validate_ThreeProvinces_Passes()
    {
        // Arrange
        var topology = new NetworkTopology(TestTopologies.ThreeProvinces());

        // Act
        var ex = Record.Exception(() => topology.Validate(requireAddresses: true));

        // Assert
        Assert.Null(ex);
        Assert.Equal(8, topology.Nodes.Count);
    }

    [Fact]
    public void Validate_NoNodes_Reported()
    {
        // Act
        var ex = Invalid([]);

        // Assert
        Assert.Equal("The topology names no nodes; it needs at least the national node.", Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_EmptyId_ReportedWithPosition()
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        nodes.Add(TestTopologies.Node("", NodeRole.Municipal, "140700", "P-140000", 5013));

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Equal("The municipal node at position 9 (140700) has no id.", Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_DuplicateId_NamesBothNodes()
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        Find(nodes, "M-140400").Id = "M-140100";

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Equal(
            "The id M-140100 is used by 2 nodes (municipal node M-140100 (140100), municipal node M-140100 (140400)); ids must be unique.",
            Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_DuplicateAdmdvs_NamesBothNodes()
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        Find(nodes, "M-140400").Admdvs = "140100";

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Equal(
            "The admdvs 140100 is served by 2 nodes (municipal node M-140100 (140100), municipal node M-140400 (140100)); each division has one node.",
            Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_NoNationalNode_Reported()
    {
        // Arrange: only Beijing's branch, which still names N as parent.
        var nodes = TestTopologies.ThreeProvinces().FindAll(n => n.Admdvs.StartsWith("11", StringComparison.Ordinal));

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Equal(
            [
                "There is no national node; exactly one node must have the role national.",
                "provincial node P-110000 (110000) names parent N, which is not in the topology.",
            ],
            ex.Problems);
    }

    [Fact]
    public void Validate_TwoNationalNodes_NamesBoth()
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        nodes.Add(TestTopologies.Node("N2", NodeRole.National, "000000", null, 5001));

        // Act
        var ex = Invalid(nodes);

        // Assert: two nationals, and so two nodes on 000000.
        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains(
            "There are 2 national nodes (national node N (000000), national node N2 (000000)); exactly one is allowed.",
            ex.Problems);
        Assert.Contains("The admdvs 000000 is served by 2 nodes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NationalNotOnZeroCodeWithParent_BothReported()
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        var national = Find(nodes, "N");
        national.Admdvs = "100000";
        national.Parent = "P-140000";

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Equal(
            [
                "national node N (100000) must have admdvs 000000.",
                "national node N (100000) names parent P-140000; the national node has no parent.",
            ],
            ex.Problems);
    }

    [Theory]
    [InlineData("140100")]
    [InlineData("140101")]
    [InlineData("000000")]
    [InlineData("14000")]
    [InlineData("1400AB")]
    public void Validate_ProvincialNotOnProvinceCode_Reported(string admdvs)
    {
        // Arrange: a fourth province with a bad code.
        var nodes = TestTopologies.ThreeProvinces();
        nodes.Add(TestTopologies.Node("P-X", NodeRole.Provincial, admdvs, "N", 5040));

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Contains($"provincial node P-X ({admdvs}): admdvs '{admdvs}' is not a province code (6 digits, PP0000).", ex.Problems);
    }

    [Fact]
    public void Validate_ProvincialUnderProvince_Reported()
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        Find(nodes, "P-230000").Parent = "P-110000";

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Equal(
            "provincial node P-230000 (230000) names parent provincial node P-110000 (110000), but a provincial node's parent must be the national node.",
            Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_ProvincialWithoutParent_Reported()
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        Find(nodes, "P-230000").Parent = null;

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Equal("provincial node P-230000 (230000) has no parent; only the national node may have none.", Assert.Single(ex.Problems));
    }

    [Theory]
    [InlineData("140101")]
    [InlineData("140500X")]
    [InlineData("001500")]
    [InlineData("")]
    public void Validate_MunicipalNotOnCityCode_Reported(string admdvs)
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        nodes.Add(TestTopologies.Node("M-X", NodeRole.Municipal, admdvs, "P-140000", 5013));

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Equal(
            $"municipal node M-X ({admdvs}): admdvs '{admdvs}' is not a city code (6 digits, PPCC00 with CC not 00).",
            Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_MunicipalOnProvinceCode_ReportedAsNotCity()
    {
        // Arrange: a municipal node claiming Shanxi's own code (and so clashing with the province node).
        var nodes = TestTopologies.ThreeProvinces();
        Find(nodes, "M-140400").Admdvs = "140000";

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Contains("municipal node M-140400 (140000): admdvs '140000' is not a city code (6 digits, PPCC00 with CC not 00).", ex.Problems);
        Assert.Contains(ex.Problems, p => p.StartsWith("The admdvs 140000 is served by 2 nodes", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MunicipalUnderOtherProvince_NamesProvinceItLiesIn()
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        Find(nodes, "M-140400").Parent = "P-110000";

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Equal(
            "municipal node M-140400 (140400) names parent provincial node P-110000 (110000), but 140400 lies in province 140000.",
            Assert.Single(ex.Problems));
    }

    [Theory]
    [InlineData("N", "national node N (000000)")]
    [InlineData("M-140100", "municipal node M-140100 (140100)")]
    public void Validate_MunicipalUnderNonProvincial_Reported(string parent, string parentName)
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        Find(nodes, "M-140400").Parent = parent;

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Equal(
            $"municipal node M-140400 (140400) names parent {parentName}, but a municipal node's parent must be the provincial node of its province.",
            Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_UnknownParent_Reported()
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        Find(nodes, "M-140400").Parent = "P-999999";

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Equal("municipal node M-140400 (140400) names parent P-999999, which is not in the topology.", Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_NoAddressWhenRequired_Reported()
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        Find(nodes, "M-230100").Addresses.Clear();

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Equal("municipal node M-230100 (230100) has no address; list at least one http:// or https:// URI.", Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_NoAddressesNotRequired_Passes()
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        nodes.ForEach(n => n.Addresses.Clear());

        // Act
        var ex = Record.Exception(() => new NetworkTopology(nodes).Validate(requireAddresses: false));

        // Assert
        Assert.Null(ex);
    }

    [Theory]
    [InlineData("127.0.0.1:5000")]
    [InlineData("localhost:5000")]
    [InlineData("/relative/path")]
    [InlineData("ftp://127.0.0.1:5000")]
    [InlineData("")]
    public void Validate_AddressNotHttpUri_Reported(string address)
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        Find(nodes, "P-110000").Addresses.Add(address);

        // Act: the rule holds whether or not addresses are required.
        var ex = Invalid(nodes, requireAddresses: false);

        // Assert
        Assert.Equal(
            $"provincial node P-110000 (110000) has address '{address}', which is not an absolute http:// or https:// URI.",
            Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_DuplicateAddressInNode_Reported()
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        var beijing = Find(nodes, "P-110000");
        beijing.Addresses.Add("https://10.0.0.2:443");
        beijing.Addresses.Add(beijing.Addresses[0]);

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Equal("provincial node P-110000 (110000) lists address http://127.0.0.1:5020 more than once.", Assert.Single(ex.Problems));
    }

    [Fact]
    public void Validate_SeveralProblems_AllReportedAtOnce()
    {
        // Arrange
        var nodes = TestTopologies.ThreeProvinces();
        Find(nodes, "M-110100").Id = "M-140100";
        Find(nodes, "M-230100").Parent = "P-999999";
        Find(nodes, "P-230000").Addresses.Clear();

        // Act
        var ex = Invalid(nodes);

        // Assert
        Assert.Equal(3, ex.Problems.Count);
        Assert.StartsWith("The topology is invalid:" + Environment.NewLine, ex.Message, StringComparison.Ordinal);
        Assert.Contains("The id M-140100 is used by 2 nodes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("municipal node M-230100 (230100) names parent P-999999, which is not in the topology.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("provincial node P-230000 (230000) has no address", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, ex.Message.Split(Environment.NewLine).Length);
    }

    [Fact]
    public void Load_ExampleFile_ValidatesAndResolves()
    {
        // Act
        var topology = NetworkTopology.Load(TestTopologies.ExamplePath);

        // Assert
        Assert.Equal(11, topology.Nodes.Count);
        Assert.Equal(NodeRole.National, topology.GetById("N").Role);
        Assert.Equal(["https://127.0.0.1:5110", "https://127.0.0.1:5111"], topology.GetById("P-140000").Addresses);
        Assert.Equal(["M-140100", "M-140400", "M-140700"], topology.ChildrenOf("P-140000").Select(n => n.Id));
        Assert.Equal(["P-140000", "P-110000", "P-230000", "P-460000"], topology.ChildrenOf("N").Select(n => n.Id));
        Assert.Equal("M-460100", topology.FindByAdmdvs("460100")?.Id);
        Assert.Equal(NodeRole.Municipal, topology.FindByAdmdvs("230100")?.Role);
        Assert.Null(topology.FindByAdmdvs("230102"));
        Assert.Empty(topology.ChildrenOf("M-140700"));
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingPath()
    {
        // Arrange
        var path = Path.Combine(_dir, "absent.json");

        // Act
        var ex = Assert.Throws<TopologyException>(() => NetworkTopology.Load(path));

        // Assert
        Assert.Equal($"{path}: the topology file does not exist (looked for {path}).", Assert.Single(ex.Problems));
        Assert.StartsWith("The topology is invalid:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedJson_ThrowsNamingPathAndLine()
    {
        // Arrange: the missing comma is on line 3.
        var path = Path.Combine(_dir, "broken.json");
        File.WriteAllText(path, "{\n  \"nodes\": [\n    { \"id\": \"N\" \"role\": \"national\" }\n  ]\n}\n");

        // Act
        var ex = Assert.Throws<TopologyException>(() => NetworkTopology.Load(path));

        // Assert
        Assert.StartsWith($"{path}, line 3: the topology is not valid JSON", Assert.Single(ex.Problems), StringComparison.Ordinal);
        Assert.IsType<System.Text.Json.JsonException>(ex.InnerException);
    }

    [Theory]
    [InlineData("""{ "nodes": [ { "id": "N", "role": "county", "admdvs": "000000" } ] }""")]
    [InlineData("""{ "nodes": [ { "id": "N", "role": 0, "admdvs": "000000" } ] }""")]
    [InlineData("""{ "nodes": [ { "id": "N", "admdvs": "000000" } ] }""")]
    [InlineData("""{ "nodes": [ { "id": "N", "role": "national", "admdvs": "000000", "parnet": null } ] }""")]
    [InlineData("""{ "nodes": [ { "id": null, "role": "national", "admdvs": "000000" } ] }""")]
    [InlineData("""[]""")]
    public void Parse_WrongShape_ThrowsNamingSource(string json)
    {
        // Act
        var ex = Assert.Throws<TopologyException>(() => NetworkTopology.Parse(json, "inline.json"));

        // Assert
        Assert.StartsWith("inline.json, line 1: the topology is not valid JSON of the expected shape", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ }""")]
    [InlineData("""{ "nodes": null }""")]
    [InlineData("""null""")]
    public void Parse_NoNodesArray_Reported(string json)
    {
        // Act
        var ex = Assert.Throws<TopologyException>(() => NetworkTopology.Parse(json, "inline.json"));

        // Assert
        Assert.Equal("inline.json: the topology has no \"nodes\" array.", Assert.Single(ex.Problems));
    }

    [Fact]
    public void Parse_NullEntry_Reported()
    {
        // Act
        var ex = Assert.Throws<TopologyException>(() => NetworkTopology.Parse("""{ "nodes": [ null ] }""", "inline.json"));

        // Assert
        Assert.Equal("inline.json: nodes[0] is null; each entry must be a node object.", Assert.Single(ex.Problems));
    }

    [Fact]
    public void Parse_CaseInsensitiveNamesAndRoles_Reads()
    {
        // Arrange
        const string Json = """
            {
              "Nodes": [
                { "ID": "N", "Role": "National", "Admdvs": "000000", "Addresses": ["https://n.example:443"] },
                { "id": "P", "role": "provincial", "admdvs": "460000", "addresses": ["http://127.0.0.1:1"], "parent": "N" }
              ]
            }
            """;

        // Act
        var topology = NetworkTopology.Parse(Json, "inline.json");

        // Assert
        Assert.Equal([NodeRole.National, NodeRole.Provincial], topology.Nodes.Select(n => n.Role));
        Assert.Equal("P", topology.ChildrenOf("N").Single().Id);
    }

    [Fact]
    public void Parse_RuleBroken_ValidatesRequiringAddressesAndNamesSource()
    {
        // Arrange: the province has no address.
        const string Json = """
            { "nodes": [
              { "id": "N", "role": "national", "admdvs": "000000", "addresses": ["http://127.0.0.1:1"] },
              { "id": "P-460000", "role": "provincial", "admdvs": "460000", "parent": "N" }
            ] }
            """;

        // Act
        var ex = Assert.Throws<TopologyException>(() => NetworkTopology.Parse(Json, "inline.json"));

        // Assert
        Assert.Equal(
            "inline.json: provincial node P-460000 (460000) has no address; list at least one http:// or https:// URI.",
            Assert.Single(ex.Problems));
    }

    [Fact]
    public void GetById_Unknown_ThrowsNamingId()
    {
        // Arrange
        var topology = new NetworkTopology(TestTopologies.ThreeProvinces());

        // Act
        var ex = Assert.Throws<TopologyException>(() => topology.GetById("M-150100"));

        // Assert
        Assert.Contains("no node with id M-150100", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Node_NamesRoleIdAndDivision()
    {
        // Arrange
        var node = TestTopologies.Node("P-140000", NodeRole.Provincial, "140000", "N", 5010);

        // Act
        var text = node.ToString();

        // Assert
        Assert.Equal("provincial node P-140000 (140000)", text);
    }
}
