using Adjudication.Node.Network;

namespace Adjudication.Node.Tests.Network;

/// <summary>Small topologies built in memory, and the path of the checked-in example file.</summary>
internal static class TestTopologies
{
    /// <summary>
    /// N (000000); Shanxi P-140000 with Taiyuan M-140100 and Changzhi M-140400; Beijing P-110000 with M-110100;
    /// Heilongjiang P-230000 with Harbin M-230100. Every node has one address.
    /// </summary>
    public static List<TopologyNode> ThreeProvinces() =>
    [
        Node("N", NodeRole.National, "000000", null, 5000),
        Node("P-140000", NodeRole.Provincial, "140000", "N", 5010),
        Node("M-140100", NodeRole.Municipal, "140100", "P-140000", 5011),
        Node("M-140400", NodeRole.Municipal, "140400", "P-140000", 5012),
        Node("P-110000", NodeRole.Provincial, "110000", "N", 5020),
        Node("M-110100", NodeRole.Municipal, "110100", "P-110000", 5021),
        Node("P-230000", NodeRole.Provincial, "230000", "N", 5030),
        Node("M-230100", NodeRole.Municipal, "230100", "P-230000", 5031),
    ];

    public static TopologyNode Node(string id, NodeRole role, string admdvs, string? parent, int port) => new()
    {
        Id = id,
        Role = role,
        Admdvs = admdvs,
        Parent = parent,
        Addresses = [$"http://127.0.0.1:{port}"],
    };

    /// <summary>The example topology in the source tree (found from the test output folder up to Adjudication.sln).</summary>
    public static string ExamplePath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Adjudication.sln")))
                {
                    return Path.Combine(dir.FullName, "src", "Adjudication.Node", "Network", "topology.example.json");
                }
            }

            throw new InvalidOperationException($"Adjudication.sln not found above {AppContext.BaseDirectory}.");
        }
    }
}
