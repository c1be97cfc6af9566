using System.CommandLine;
using Adjudication.Cli.Demo;
using Adjudication.Node.Network;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Adjudication.Cli.Commands;

/// <summary>
/// The command tree: <c>demo</c> settles sample visits on one node and exits; <c>network</c> starts a whole local
/// network and replays cross-region cases; <c>node</c> runs one node (stand-alone or from a topology) until Ctrl+C.
/// </summary>
internal static class CliCommands
{
    private static readonly Option<string?> Redis = new("--redis")
    {
        Description = "Redis to use, host:port. Omitted: an embedded in-process server (Garnet) holds the data until exit.",
    };

    private static readonly Option<string> Admdvs = new("--admdvs")
    {
        Description = "The node's city division code (PPCC00).",
        DefaultValueFactory = _ => "140100",
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("Adjudication: real-time settlement of medical bills for people treated away from where they are insured.");
        root.Subcommands.Add(Demo());
        root.Subcommands.Add(Network());
        root.Subcommands.Add(Node());
        return root;
    }

    private static Command Demo()
    {
        var command = new Command("demo", "Start a seeded node in-process, settle a handful of visits, print each split and exit.") { Redis, Admdvs };
        command.SetAction(async (parse, cancellation) =>
        {
            var console = AnsiConsole.Console;
            var prefix = $"demo-{DateTime.UtcNow:yyyyMMddHHmmss}";
            LocalNode? node = null;
            await console.Status().StartAsync("Starting the node and seeding demo data (catalog of 3,000 items)…", async _ =>
                node = await LocalNode.StartAsync(parse.GetValue(Redis), parse.GetValue(Admdvs)!, 0, prefix, seed: true, LogLevel.Warning).ConfigureAwait(false)).ConfigureAwait(false);
            var started = node!;
            await using (started.ConfigureAwait(false))
            {
                console.MarkupLineInterpolated($"[green]Node {started.Options.Admdvs}[/] at {started.Address}, store {started.Options.Redis.Configuration} (key prefix {prefix})");
                console.WriteLine();
                var settled = await DemoScenarios.RunAsync(started.Channel, started.Options.Admdvs, console).ConfigureAwait(false);
                console.MarkupLineInterpolated($"[green]{settled} visits settled.[/]");
            }

            return 0;
        });
        return command;
    }

    private static Command Network()
    {
        var serve = new Option<bool>("--serve") { Description = "Keep the network running after the demo until Ctrl+C, to call it with your own clients." };
        var command = new Command("network", "Start a local network (national node, 4 provinces, 6 cities, one integration zone) in-process, replay cross-region cases and print each split with its route.") { Redis, serve };
        command.SetAction(async (parse, cancellation) =>
        {
            var console = AnsiConsole.Console;
            var prefix = $"net-{DateTime.UtcNow:yyyyMMddHHmmss}";
            LocalNetwork? network = null;
            await console.Status().StartAsync("Starting the network…", async status =>
                network = await LocalNetwork.StartAsync(parse.GetValue(Redis), prefix, LogLevel.Warning, step => status.Status(step)).ConfigureAwait(false)).ConfigureAwait(false);
            var started = network!;
            await using (started.ConfigureAwait(false))
            {
                var table = new Table().Border(TableBorder.Rounded).Title("[bold]The network[/]").AddColumn("node").AddColumn("role").AddColumn("admdvs").AddColumn("parent").AddColumn("address");
                foreach (var node in started.Topology.Nodes)
                {
                    table.AddRow(node.Id, node.Role.ToString().ToLowerInvariant(), node.Admdvs, node.Parent ?? "", node.Addresses[0]);
                }

                console.Write(table);
                console.WriteLine();
                var settled = await NetworkScenarios.RunAsync(started, console).ConfigureAwait(false);
                console.MarkupLineInterpolated($"[green]{settled} cross-region visits settled.[/]");
                if (parse.GetValue(serve))
                {
                    console.MarkupLine("Serving until Ctrl+C; hospitals call their city's node (M-…), agencies file at the insured city.");
                    await started.WaitForShutdownAsync().ConfigureAwait(false);
                }
            }

            return 0;
        });
        return command;
    }

    private static Command Node()
    {
        var port = new Option<int>("--port") { Description = "Port to listen on at 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 5100 };
        var prefix = new Option<string>("--key-prefix") { Description = "Prefix of every Redis key this node writes.", DefaultValueFactory = _ => "adj" };
        var noSeed = new Option<bool>("--no-seed") { Description = "Do not load the demo institutions, persons, policies and catalog (municipal nodes only)." };
        var topology = new Option<string?>("--topology") { Description = "Topology file of the network to join (see README 'The network'); the node's role and division come from its entry." };
        var id = new Option<string?>("--id") { Description = "This node's id in the topology file." };
        var command = new Command("node", "Run one node until Ctrl+C: a stand-alone municipal node, or with --topology and --id any node of a network (seeded with demo data unless --no-seed).")
        {
            Redis, Admdvs, port, prefix, noSeed, topology, id,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            LocalNode node;
            try
            {
                node = await LocalNode.StartAsync(
                    parse.GetValue(Redis), parse.GetValue(Admdvs)!, parse.GetValue(port), parse.GetValue(prefix)!, !parse.GetValue(noSeed), LogLevel.Information,
                    parse.GetValue(topology), parse.GetValue(id)).ConfigureAwait(false);
            }
            catch (TopologyException ex)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Not started.[/] {ex.Message}");
                return 2;
            }

            await using (node.ConfigureAwait(false))
            {
                AnsiConsole.MarkupLineInterpolated($"[green]Node {node.Options.Admdvs}[/] ({node.Options.Role}) listening at {node.Address} (gRPC, HTTP/2 cleartext); store {node.Options.Redis.Configuration}. Ctrl+C stops it.");
                await node.WaitForShutdownAsync().ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
