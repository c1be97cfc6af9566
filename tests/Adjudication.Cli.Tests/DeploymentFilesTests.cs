using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Adjudication.Cli.Tests.Infrastructure;
using Adjudication.Node.Network;

namespace Adjudication.Cli.Tests;

/// <summary>
/// The deployment examples under deploy/, checked as far as this machine can: the systemd unit's environment file
/// starts the real node binary (with the test's paths and ports in place of the machine's), and the compose file runs
/// one service per node of its topology. Docker itself is not available here; the images are not built.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Deploy = FindDeployFolder();

    [Fact]
    public async Task SystemdEnvironmentFile_WithThisMachinesPaths_StartsTheNodeBinaryWhichStopsCleanlyOnSigterm()
    {
        // Arrange: the example's settings, its paths and ports pointed at a topology and certificates made here.
        var folder = Directory.CreateTempSubdirectory("adjudication-deploy-test-").FullName;
        try
        {
            var port = FreePort.Next();
            var topology = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Deploy, "docker", "topology.json")))!;
            foreach (var node in topology["nodes"]!.AsArray())
            {
                node!["addresses"] = new JsonArray($"https://127.0.0.1:{(node["id"]!.GetValue<string>() == "M-140100" ? port : FreePort.Next())}");
            }

            var topologyPath = Path.Combine(folder, "topology.json");
            await File.WriteAllTextAsync(topologyPath, topology.ToJsonString());
            var (certsExit, certsOutput) = await CliProcess.RunCliAsync("certs", "network", "--topology", topologyPath, "--out", Path.Combine(folder, "certs"));
            Assert.True(certsExit == 0, certsOutput);
            var environment = ReadEnvironmentFile(Path.Combine(Deploy, "systemd", "node.env.example"));
            environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
            foreach (var key in environment.Keys.Where(k => environment[k].StartsWith("/etc/adjudication/", StringComparison.Ordinal)).ToList())
            {
                environment[key] = environment[key].Replace("/etc/adjudication/", folder + "/", StringComparison.Ordinal);
            }

            environment["Node__Redis__Configuration"] = TestRedis.Configuration;
            environment["Node__Redis__KeyPrefix"] = TestRedis.NewPrefix();
            environment["Node__MetricsPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);

            // Act
            await using var process = CliProcess.StartNodeBinary(environment);
            await process.WaitForOutputAsync($"Now listening on: https://127.0.0.1:{port}");
            await process.TerminateAsync();
            var exitCode = await process.WaitForExitAsync();

            // Assert: it started as the example's node (M-140100, municipal) and stopped with 0.
            Assert.True(CliProcess.Holds(process.Output, "Node 140100 (municipal) configured"), process.Output);
            Assert.Equal(0, exitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ComposeFile_OneServicePerTopologyNode_EachNamingItsOwnCertificate()
    {
        var topology = NetworkTopology.Load(Path.Combine(Deploy, "docker", "topology.json"));
        var compose = await File.ReadAllTextAsync(Path.Combine(Deploy, "docker", "compose.yaml"));

        var services = NodeService().Matches(compose).Select(m => (Id: m.Groups["id"].Value, Cert: m.Groups["cert"].Value)).ToList();

        Assert.Equal(topology.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal), services.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.All(services, s => Assert.Equal(s.Id, s.Cert));
        Assert.All(topology.Nodes, n => Assert.Contains($"https://{n.Id.ToLowerInvariant()}:5100", n.Addresses));
    }

    private static Dictionary<string, string> ReadEnvironmentFile(string path) => File.ReadAllLines(path)
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => line.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    private static string FindDeployFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, "deploy", "systemd")))
            {
                return Path.Combine(folder.FullName, "deploy");
            }
        }

        throw new DirectoryNotFoundException($"No deploy/ folder above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"Node__Id: (?<id>[A-Z0-9-]+),[^\n]*Node__Tls__Certificate: /etc/adjudication/certs/(?<cert>[A-Z0-9-]+)\.crt\.pem")]
    private static partial Regex NodeService();
}
