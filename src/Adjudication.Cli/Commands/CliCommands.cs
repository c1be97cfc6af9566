using System.CommandLine;
using Adjudication.Cli.Clearing;
using Adjudication.Cli.Demo;
using Adjudication.Cli.Import;
using Adjudication.Cli.Reconcile;
using Adjudication.Cli.Security;
using Adjudication.Node.Network;
using Adjudication.Node.Security;
using Adjudication.Storage;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using StackExchange.Redis;

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
        root.Subcommands.Add(ImportCommand.Build(ImportKinds.Senders));
        root.Subcommands.Add(ReconcileCommand.Build());
        root.Subcommands.Add(ClearingCommand.Build());
        root.Subcommands.Add(PrepaymentCommand.Build());
        return root;
    }

    private static Command Demo()
    {
        var json = new Option<bool>("--json") { Description = "Replay the cases through the node's national JSON interface (POST /fsi/api/rsfComIfsService/callService over HTTP/1.1 with client certificates) instead of gRPC." };
        var command = new Command("demo", "Start a seeded node in-process, settle a handful of visits, print each split and exit.") { Redis, Admdvs, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var console = AnsiConsole.Console;
            var prefix = $"demo-{DateTime.UtcNow:yyyyMMddHHmmss}";
            var city = parse.GetValue(Admdvs)!;
            using var certificates = CertificateFolder.Open(null);
            var listener = Listener.At("127.0.0.1", 0, plaintext: false, certificates.IssueNode("M-" + city));
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

                var settled = parse.GetValue(json)
                    ? await JsonScenarios.RunAsync(started.Address, started.Options.Admdvs, certificates.Client, certificates.Ca, console).ConfigureAwait(false)
                    : await DemoScenarios.RunAsync(ChannelAs, started.Options.Admdvs, console).ConfigureAwait(false);
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
                network = await LocalNetwork.StartAsync(parse.GetValue(Redis), prefix, LogLevel.Warning, step => status.Status(step), parse.GetValue(certs), dashboards: parse.GetValue(serve)).ConfigureAwait(false)).ConfigureAwait(false);
            var started = network!;
            await using (started.ConfigureAwait(false))
            {
                var table = new Table().Border(TableBorder.Rounded).Title("[bold]The network[/]").AddColumn("node").AddColumn("role").AddColumn("admdvs").AddColumn("parent").AddColumn("address");
                foreach (var node in started.Topology.Nodes)
                {
                    table.AddRow(node.Id, NodeRoles.Name(node.Role), node.Admdvs, node.Parent ?? "", node.Addresses[0]);
                }

                console.Write(table);
                console.WriteLine();
                var settled = await NetworkScenarios.RunAsync(started, console).ConfigureAwait(false);
                console.MarkupLineInterpolated($"[green]{settled} cross-region visits settled.[/]");
                var left = await started.ApplyOutboxesAsync().ConfigureAwait(false);
                console.MarkupLineInterpolated($"Outboxes applied from the cities up: their clearing rows are booked at the provinces and the national node ({left} entries left).");
                if (parse.GetValue(serve))
                {
                    PrintHowToCall(console, started, parse.GetValue(certs));
                    console.MarkupLine("Serving until Ctrl+C (or SIGTERM); hospitals call their city's node (M-…), agencies file at the insured city.");
                    await LocalNetwork.WaitForStopRequestAsync(cancellation).ConfigureAwait(false);
                    await started.StopAsync(closed: () => console.MarkupLineInterpolated(
                        $"Stopping: calls from outside the network are refused now; the ones in flight finish (at most {Draining.Timeout.TotalSeconds:0} s), then every node stops.")).ConfigureAwait(false);
                    console.MarkupLine("Stopped.");
                }
            }

            return 0;
        });
        return command;
    }

    private static Command Node()
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one). Default: 5100; with --topology the port of this node's first address there.", DefaultValueFactory = _ => 5100 };
        var host = new Option<string>("--host") { Description = "Address to listen on. Default: 127.0.0.1; with --topology the host of this node's first address there.", DefaultValueFactory = _ => "127.0.0.1" };
        var plaintext = new Option<bool>("--plaintext") { Description = "Development mode: HTTP/2 without TLS, loopback --host only; callers name themselves in the adjudication-dev-identity header." };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "The node's certificate (PEM), from 'adjudication certs issue --kind node' or 'certs network'." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "The node certificate's private key (PEM)." };
        var tlsCa = new Option<string?>("--tls-ca") { Description = "The network CA's certificate (PEM); every caller and peer must present a certificate it issued." };
        var tlsCrl = new Option<string?>("--tls-crl") { Description = "The network CA's revocation list (PEM, from 'adjudication certs revoke'), optional: a certificate it lists is refused; read again whenever the file changes." };
        var prefix = new Option<string>("--key-prefix") { Description = "Prefix of every Redis key this node writes.", DefaultValueFactory = _ => "adj" };
        var noSeed = new Option<bool>("--no-seed") { Description = "Do not load the demo institutions, persons, policies and catalog (municipal nodes only; loaded through the node's API as its agency, only into a store that holds nothing else under --key-prefix)." };
        var topology = new Option<string?>("--topology") { Description = "Topology file of the network to join (see README 'The network'); the node's role, division and address come from its entry." };
        var id = new Option<string?>("--id") { Description = "This node's id in the topology file." };
        var logFormat = new Option<string>("--log-format") { Description = "Console log format: plain (text) or json (one JSON object per line, for a log collector).", DefaultValueFactory = _ => "plain" };
        logFormat.AcceptOnlyFromAmong("plain", "json");
        var command = new Command("node", "Run one node until Ctrl+C or SIGTERM: a stand-alone municipal node, or with --topology and --id any node of a network (seeded with demo data into an empty store unless --no-seed). The node binary's settings may follow as --Node:KEY=VALUE (e.g. --Node:RelayTimeout=00:00:05).")
        {
            Redis, Admdvs, host, port, plaintext, tlsCert, tlsKey, tlsCa, tlsCrl, prefix, noSeed, topology, id, logFormat,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellation) =>
        {
            var console = AnsiConsole.Console;
            if (!NodeOverrides.TryRead(parse.UnmatchedTokens, out var overrides, out var unknown))
            {
                console.MarkupLineInterpolated($"[red]Not started.[/] {new NodeConfigurationException(unknown).Message}");
                return 2;
            }

            var tls = new TlsOptions { Certificate = parse.GetValue(tlsCert) ?? "", Key = parse.GetValue(tlsKey) ?? "", Ca = parse.GetValue(tlsCa) ?? "", Crl = parse.GetValue(tlsCrl) ?? "" };
            var url = ListenUrl(parse.GetValue(topology), parse.GetValue(id), Explicit(parse, host), Explicit(parse, port), parse.GetValue(plaintext));
            LocalNode node;
            try
            {
                node = await LocalNode.StartAsync(
                    parse.GetValue(Redis), parse.GetValue(Admdvs)!, new Listener(url, parse.GetValue(plaintext), tls), parse.GetValue(prefix)!, !parse.GetValue(noSeed), LogLevel.Information,
                    parse.GetValue(topology), parse.GetValue(id), overrides, jsonLogs: parse.GetValue(logFormat) == "json").ConfigureAwait(false);
            }
            catch (NodeConfigurationException ex)
            {
                console.MarkupLineInterpolated($"[red]Not started.[/] {ex.Message}");
                return 2;
            }
            catch (DemoDataException ex)
            {
                console.MarkupLineInterpolated($"[red]Not started.[/] {ex.Message}");
                return 1;
            }
            catch (RedisException ex)
            {
                console.MarkupLineInterpolated($"[red]Not started.[/] The store stopped answering while the demo data was loaded ({ex.Message}); start again when it is up.");
                return 1;
            }

            await using (node.ConfigureAwait(false))
            {
                PrintSeed(console, node);
                console.MarkupLineInterpolated($"[green]Node {node.Options.Admdvs}[/] ({NodeRoles.Name(node.Options.Role)}) listening at {node.Address} ({(node.Options.Plaintext ? "gRPC, HTTP/2 cleartext: development mode" : "gRPC, mutual TLS")}); store {node.Options.Redis.Configuration}. Ctrl+C (or SIGTERM) stops it.");
                await LocalNode.WaitForStopRequestAsync(cancellation).ConfigureAwait(false);
                console.MarkupLineInterpolated($"Stopping: no new calls; the calls in flight finish (at most {Draining.Timeout.TotalSeconds:0} s).");
                await node.StopAsync().ConfigureAwait(false);
                console.MarkupLine("Stopped.");
            }

            return 0;
        });
        return command;
    }

    // An option's value when given on the command line; null when it would only be its default.
    private static T? Explicit<T>(ParseResult parse, Option<T> option)
        where T : struct => parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;

    private static string? Explicit(ParseResult parse, Option<string> option) =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;

    // With a topology the node listens where its entry says unless --host/--port say otherwise (the node then refuses a
    // port its entry does not list); an empty URL has the node take the entry's first address itself.
    private static string ListenUrl(string? topologyPath, string? id, string? host, int? port, bool plaintext)
    {
        if (topologyPath is not null && (host is null || port is null))
        {
            if (host is null && port is null)
            {
                return string.Empty;
            }

            // One of the two given: the other from the entry. A file or id that is wrong is left for the node to report.
            var entry = TryEntry(topologyPath, id);
            if (entry is null || entry.Addresses.Count == 0 || !Uri.TryCreate(entry.Addresses[0], UriKind.Absolute, out var first))
            {
                return string.Empty;
            }

            host ??= first.Host.Trim('[', ']');
            port ??= first.Port;
        }

        return Listener.UrlOf(host ?? "127.0.0.1", port ?? 5100, plaintext);
    }

    private static TopologyNode? TryEntry(string path, string? id)
    {
        try
        {
            return id is not null && NetworkTopology.Load(path).TryGetById(id, out var entry) ? entry : null;
        }
        catch (TopologyException)
        {
            return null;
        }
    }

    private static void PrintSeed(IAnsiConsole console, LocalNode node)
    {
        var store = $"{node.Options.Redis.Configuration} (key prefix '{node.Options.Redis.KeyPrefix}')";
        switch (node.Seed)
        {
            case { Outcome: SeedClaimOutcome.Claimed }:
                console.MarkupLineInterpolated($"Demo data loaded into the empty store {store} through the node's API: {DemoSeeder.Summary(node.Options.Admdvs)}.");
                break;
            case { Outcome: SeedClaimOutcome.AlreadySeeded } claim:
                console.MarkupLineInterpolated($"[yellow]Store {store} already holds the demo data for {node.Options.Admdvs}[/] (loaded before: {claim.Detail}); sent again through the API, it changed nothing: every call was answered under its msgid as the first time, so no balance was credited twice. Data is kept across restarts; another --key-prefix starts a fresh demo.");
                break;
            case { Outcome: SeedClaimOutcome.HoldsData } claim:
                console.MarkupLineInterpolated($"[yellow]Store {store} already holds data for {node.Options.Admdvs}; demo data not loaded[/] (e.g. key {claim.Detail}). Demo data only goes into an empty store; --no-seed skips this check, another --key-prefix starts a fresh demo.");
                break;
        }
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
        foreach (var node in network.Topology.Nodes.Where(n => n.Role != NodeRole.Municipal))
        {
            console.MarkupLineInterpolated($"Dashboard of {node.Id} ({(node.Role == NodeRole.National ? "the whole network" : "its cities")}): {network.DashboardOf(node.Id)?.ToString() ?? "none"}");
        }

        console.MarkupLineInterpolated($"Call Beijing's node with it:   grpcurl -cacert {folder}/ca.crt.pem -cert {folder}/H11010000001.crt.pem -key {folder}/H11010000001.key.pem -d '{body}' {new Uri(beijing).Authority} adjudication.v1.SettlementService/GetPerson");
        console.WriteLine();
    }
}
