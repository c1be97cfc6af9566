using System.CommandLine;
using Adjudication.Cli.Demo;
using Adjudication.Cli.Security;
using Adjudication.Node.Network;
using Adjudication.Node.Security;
using Grpc.Net.Client;
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
        root.Subcommands.Add(CertsCommand.Build());
        return root;
    }

    private static Command Demo()
    {
        var command = new Command("demo", "Start a seeded node in-process, settle a handful of visits, print each split and exit.") { Redis, Admdvs };
        command.SetAction(async (parse, cancellation) =>
        {
            var console = AnsiConsole.Console;
            var prefix = $"demo-{DateTime.UtcNow:yyyyMMddHHmmss}";
            var city = parse.GetValue(Admdvs)!;
            using var certificates = CertificateFolder.Open(null);
            var listener = new Listener("127.0.0.1", 0, Plaintext: false, certificates.IssueNode("M-" + city));
            LocalNode? node = null;
            await console.Status().StartAsync("Starting the node (mutual TLS, certificates in a temporary folder) and seeding demo data (catalog of 3,000 items)…", async _ =>
                node = await LocalNode.StartAsync(parse.GetValue(Redis), city, listener, prefix, seed: true, LogLevel.Warning).ConfigureAwait(false)).ConfigureAwait(false);
            var started = node!;
            await using (started.ConfigureAwait(false))
            {
                console.MarkupLineInterpolated($"[green]Node {started.Options.Admdvs}[/] at {started.Address} (mutual TLS), store {started.Options.Redis.Configuration} (key prefix {prefix})");
                console.WriteLine();
                var channels = new List<GrpcChannel>();
                GrpcChannel ChannelAs(CallerIdentity caller)
                {
                    var channel = certificates.Channel(started.Address, caller);
                    channels.Add(channel);
                    return channel;
                }

                var settled = await DemoScenarios.RunAsync(ChannelAs, started.Options.Admdvs, console).ConfigureAwait(false);
                channels.ForEach(c => c.Dispose());
                console.MarkupLineInterpolated($"[green]{settled} visits settled.[/]");
            }

            return 0;
        });
        return command;
    }

    private static Command Network()
    {
        var serve = new Option<bool>("--serve") { Description = "Keep the network running after the demo until Ctrl+C, to call it with your own clients." };
        var certs = new Option<string?>("--certs")
        {
            Description = "Folder for the network's CA and certificates (kept, so you can issue your own client certificates from it). Default: a temporary folder, deleted at exit.",
        };
        var command = new Command("network", "Start a local network (national node, 4 provinces, 6 cities, one integration zone) in-process over mutual TLS, replay cross-region cases and print each split with its route.") { Redis, serve, certs };
        command.SetAction(async (parse, cancellation) =>
        {
            var console = AnsiConsole.Console;
            var prefix = $"net-{DateTime.UtcNow:yyyyMMddHHmmss}";
            LocalNetwork? network = null;
            await console.Status().StartAsync("Starting the network…", async status =>
                network = await LocalNetwork.StartAsync(parse.GetValue(Redis), prefix, LogLevel.Warning, step => status.Status(step), parse.GetValue(certs)).ConfigureAwait(false)).ConfigureAwait(false);
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
                    PrintHowToCall(console, started, parse.GetValue(certs));
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
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one).", DefaultValueFactory = _ => 5100 };
        var host = new Option<string>("--host") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var plaintext = new Option<bool>("--plaintext") { Description = "Development mode: HTTP/2 without TLS, loopback --host only; callers name themselves in the adjudication-dev-identity header." };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "The node's certificate (PEM), from 'adjudication certs issue --kind node' or 'certs network'." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "The node certificate's private key (PEM)." };
        var tlsCa = new Option<string?>("--tls-ca") { Description = "The network CA's certificate (PEM); every caller and peer must present a certificate it issued." };
        var prefix = new Option<string>("--key-prefix") { Description = "Prefix of every Redis key this node writes.", DefaultValueFactory = _ => "adj" };
        var noSeed = new Option<bool>("--no-seed") { Description = "Do not load the demo institutions, persons, policies and catalog (municipal nodes only)." };
        var topology = new Option<string?>("--topology") { Description = "Topology file of the network to join (see README 'The network'); the node's role and division come from its entry." };
        var id = new Option<string?>("--id") { Description = "This node's id in the topology file." };
        var command = new Command("node", "Run one node until Ctrl+C: a stand-alone municipal node, or with --topology and --id any node of a network (seeded with demo data unless --no-seed).")
        {
            Redis, Admdvs, host, port, plaintext, tlsCert, tlsKey, tlsCa, prefix, noSeed, topology, id,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            LocalNode node;
            var tls = new TlsOptions { Certificate = parse.GetValue(tlsCert) ?? "", Key = parse.GetValue(tlsKey) ?? "", Ca = parse.GetValue(tlsCa) ?? "" };
            var listener = new Listener(parse.GetValue(host)!, parse.GetValue(port), parse.GetValue(plaintext), tls);
            try
            {
                node = await LocalNode.StartAsync(
                    parse.GetValue(Redis), parse.GetValue(Admdvs)!, listener, parse.GetValue(prefix)!, !parse.GetValue(noSeed), LogLevel.Information,
                    parse.GetValue(topology), parse.GetValue(id)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TopologyException or NodeConfigurationException)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Not started.[/] {ex.Message}");
                return 2;
            }

            await using (node.ConfigureAwait(false))
            {
                AnsiConsole.MarkupLineInterpolated($"[green]Node {node.Options.Admdvs}[/] ({node.Options.Role}) listening at {node.Address} ({(listener.Plaintext ? "gRPC, HTTP/2 cleartext: development mode" : "gRPC, mutual TLS")}); store {node.Options.Redis.Configuration}. Ctrl+C stops it.");
                await node.WaitForShutdownAsync().ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    // --serve: how an integrator gets a certificate and calls a node of the running network.
    private static void PrintHowToCall(IAnsiConsole console, LocalNetwork network, string? certs)
    {
        var beijing = network.Topology.GetById("M-110100").Addresses[0];
        var folder = network.Certificates.Path;
        console.WriteLine();
        console.MarkupLineInterpolated($"[bold]Certificates[/] are in {folder}{(certs is null ? " (temporary: pass --certs DIR to keep them)" : "")}. Every node asks callers for a certificate of this CA.");
        console.MarkupLineInterpolated($"Issue a hospital certificate:  adjudication certs issue --ca {folder} --kind institution --id H11010000001 --admdvs 110100 --out {folder}");
        const string body = """{"fixmedins_code":"H11010000001","mdtrt_cert_type":"MDTRT_CERT_TYPE_ID_CARD","mdtrt_cert_no":"ID_CARD_NO","insuplc_admdvs":"110100"}""";
        console.MarkupLineInterpolated($"Call Beijing's node with it:   grpcurl -cacert {folder}/ca.crt.pem -cert {folder}/H11010000001.crt.pem -key {folder}/H11010000001.key.pem -d '{body}' {new Uri(beijing).Authority} adjudication.v1.SettlementService/GetPerson");
        console.WriteLine();
    }
}
