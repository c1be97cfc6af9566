using Adjudication.Cli.Tests.Infrastructure;

namespace Adjudication.Cli.Tests;

/// <summary>
/// <c>adjudication node</c> refuses a bad configuration before it opens anything: exit code 2, every problem on the
/// console with what to do, no stack trace. Each case is one the field reported (issue 12), run as a real process.
/// </summary>
public sealed class CliConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("adjudication-cli-test-").FullName;

    // Nothing here gets as far as the store or the port: a store that is not there and port 0 prove it.
    private static readonly string[] Common = ["node", "--plaintext", "--no-seed", "--redis", "127.0.0.1:1", "--port", "0"];

    public static TheoryData<string[], string> BadOptions => new()
    {
        { ["--admdvs", "99"], "Node:Admdvs (--admdvs) '99' is not a division code; a municipal node serves a city: six digits PPCC00, e.g. 140100." },
        { ["--admdvs", "140000"], "Node:Admdvs (--admdvs) 140000 is a province (PP0000), but a municipal node serves a city (PPCC00, e.g. 140100)." },
        { ["--admdvs", "140121"], "140121 is a county; counties belong to their city's node: use 140100." },
        { ["--Node:Role=bogus"], "Node:Role 'bogus' is not a role; use municipal" },
        { ["--Node:RelayTimeout=banana"], "Node:RelayTimeout = 'banana' cannot be read: write a time span as hh:mm:ss, e.g. 00:00:10." },
        { ["--id", "M-140100"], "Node:Id (--id) 'M-140100' names a node of a topology, but no topology is given: add --topology FILE (Node:Topology), or drop --id" },
        { ["--prot", "5100"], "'--prot' is not an option of 'adjudication node'" },
        { ["--key-prefix", "a{b}"], "Node:Redis:KeyPrefix (--key-prefix) 'a{b}' must be non-empty, without spaces or braces" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task Node_BadOption_ExitsTwoWithWhatToDoAndNoStackTrace(string[] options, string expected)
    {
        // Act
        var (exitCode, output) = await CliProcess.RunCliAsync([.. Common, .. options]);

        // Assert
        AssertRefused(exitCode, output, expected);
    }

    [Fact]
    public async Task Node_SeveralProblems_ListsEveryOne()
    {
        // Act: three independent mistakes on one command line.
        var (exitCode, output) = await CliProcess.RunCliAsync([.. Common, "--admdvs", "140000", "--Node:RelayTimeout=banana", "--Node:MaxFeeLinesPerCall=0"]);

        // Assert: all three, under one heading, so one edit fixes them all.
        AssertRefused(exitCode, output, "The node cannot start as configured:");
        AssertRefused(exitCode, output, "140000 is a province");
        AssertRefused(exitCode, output, "Node:RelayTimeout = 'banana' cannot be read");
        AssertRefused(exitCode, output, "Node:MaxFeeLinesPerCall is 0");
    }

    [Fact]
    public async Task Node_PortOtherThanTopologyEntry_RefusedNamingThePortPeersUse()
    {
        // Arrange: a topology whose Taiyuan node is at port 5612; the node is started on another.
        var topology = WriteTopology();

        // Act
        var (exitCode, output) = await CliProcess.RunCliAsync([.. Common[..^2], "--topology", topology, "--id", "M-140100", "--port", "5699"]);

        // Assert
        AssertRefused(exitCode, output, "The node would listen at http://127.0.0.1:5699, but the topology lists municipal node M-140100 (140100) at http://127.0.0.1:5612, where its peers call it. Start it with --port 5612");
    }

    [Fact]
    public async Task Node_TopologyWithoutId_RefusedListingTheIds()
    {
        // Act
        var (exitCode, output) = await CliProcess.RunCliAsync([.. Common, "--topology", WriteTopology()]);

        // Assert
        AssertRefused(exitCode, output, "The node has a topology but no id; start it with --id (Node:Id) set to one of: N, P-140000, M-140100.");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static void AssertRefused(int exitCode, string output, string expected)
    {
        Assert.True(exitCode == 2, $"exit code {exitCode}, expected 2. Output:\n{output}");
        Assert.True(CliProcess.Holds(output, expected), $"expected \"{expected}\" in:\n{output}");
        Assert.False(CliProcess.HasStackTrace(output), $"a stack trace in:\n{output}");
    }

    private string WriteTopology()
    {
        var path = Path.Combine(_folder, "topology.json");
        File.WriteAllText(path, """
            { "nodes": [
              { "id": "N", "role": "national", "admdvs": "000000", "addresses": ["http://127.0.0.1:5600"], "parent": null },
              { "id": "P-140000", "role": "provincial", "admdvs": "140000", "addresses": ["http://127.0.0.1:5610", "http://127.0.0.1:5611"], "parent": "N" },
              { "id": "M-140100", "role": "municipal", "admdvs": "140100", "addresses": ["http://127.0.0.1:5612"], "parent": "P-140000" }
            ] }
            """);
        return path;
    }
}
