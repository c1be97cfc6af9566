using System.Collections.Concurrent;
using Adjudication.Cli.Demo;
using Adjudication.Cli.Security;
using Adjudication.Contracts.V1;
using Adjudication.Node.Hosting;
using Adjudication.Node.Network;
using Adjudication.Node.Security;
using Adjudication.Storage;
using Adjudication.Storage.Embedded;
using Grpc.AspNetCore.Server;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Adjudication.Cli.Commands;

/// <summary>
/// A whole network in this process (DESIGN.md §3): the national node, four provinces (Shanxi, the municipality of
/// Beijing, Heilongjiang, Hainan) and six cities, three of them in Shanxi, two of which (Taiyuan, Jinzhong) share the central Shanxi integration zone, every node on
/// its own port at 127.0.0.1 with its own key prefix on one Redis; seeded with the demo data, catalogs published by each
/// province to its cities.
/// </summary>
public sealed class LocalNetwork : IAsyncDisposable
{
    private readonly EmbeddedRedisServer? _embedded;
    private readonly List<(TopologyNode Entry, WebApplication App)> _nodes;
    private readonly ConcurrentDictionary<(string NodeId, CallerIdentity Caller), GrpcChannel> _channels = new();
    private bool _stopped;

    private LocalNetwork(EmbeddedRedisServer? embedded, NetworkTopology topology, List<(TopologyNode, WebApplication)> nodes, CertificateFolder certificates)
    {
        _embedded = embedded;
        Topology = topology;
        _nodes = nodes;
        Certificates = certificates;
    }

    /// <summary>The CA and the certificates of the network's nodes and demo clients.</summary>
    public CertificateFolder Certificates { get; }

    // The identity the network's own tools call the nodes' diagnostics as.
    private static readonly CallerIdentity Operator = CallerIdentity.Operator("network");

    /// <summary>The network's topology, addresses filled in.</summary>
    public NetworkTopology Topology { get; }

    /// <summary>Every node of the demo network: id, role, division, parent.</summary>
    public static IReadOnlyList<TopologyNode> Nodes { get; } =
    [
        Entry("N", NodeRole.National, Router.NationalAdmdvs, null),
        Entry("P-140000", NodeRole.Provincial, "140000", "N"),
        Entry("P-110000", NodeRole.Provincial, "110000", "N"),
        Entry("P-230000", NodeRole.Provincial, "230000", "N"),
        Entry("P-460000", NodeRole.Provincial, "460000", "N"),
        Entry("M-140100", NodeRole.Municipal, "140100", "P-140000"),
        Entry("M-140400", NodeRole.Municipal, "140400", "P-140000"),
        Entry("M-140700", NodeRole.Municipal, "140700", "P-140000"),
        Entry("M-110100", NodeRole.Municipal, "110100", "P-110000"),
        Entry("M-230100", NodeRole.Municipal, "230100", "P-230000"),
        Entry("M-460100", NodeRole.Municipal, "460100", "P-460000"),
    ];

    /// <summary>Where node <paramref name="id"/> serves its dashboard; null when it serves none.</summary>
    public Uri? DashboardOf(string id) => _nodes.First(n => n.Entry.Id == id).App.DashboardAddress();

    /// <summary>The Redis store of node <paramref name="id"/> (its key prefix), for tools that read it or prepare load tests.</summary>
    public RedisStoreOptions StoreOf(string id) =>
        _nodes.First(n => n.Entry.Id == id).App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NodeOptions>>().Value.Redis;

    /// <summary>The channel to node <paramref name="id"/> presenting the certificate of <paramref name="caller"/> (made once).</summary>
    public GrpcChannel Channel(string id, CallerIdentity caller) =>
        _channels.GetOrAdd((id, caller), key => Certificates.Channel(Topology.GetById(key.NodeId).Addresses[0], key.Caller, key.NodeId));

    /// <summary>
    /// Applies every node's outbox now, the cities' first, then the provinces', then the national node's, so what the
    /// settlements owe other nodes (clearing rows on their way up, prepayment bookings, filing pushes) has arrived before
    /// the network stops or is looked at; returns the entries left (0 unless a node is down).
    /// </summary>
    public async Task<long> ApplyOutboxesAsync()
    {
        long left = 0;
        foreach (var role in new[] { NodeRole.Municipal, NodeRole.Provincial, NodeRole.National })
        {
            var answers = await Task.WhenAll(Topology.Nodes.Where(n => n.Role == role).Select(n =>
                new DiagnosticsService.DiagnosticsServiceClient(Channel(n.Id, Operator)).ReadOutboxAsync(new ReadOutboxRequest { ApplyFirst = true }).ResponseAsync)).ConfigureAwait(false);
            left += answers.Sum(a => a.Backlog);
        }

        return left;
    }

    /// <summary>
    /// Starts every node over mutual TLS with certificates from <paramref name="certificates"/> (a temporary folder when
    /// null), fills in the addresses, seeds the cities and has each province's agency publish its catalog.
    /// <paramref name="configure"/> may adjust every node's options before it is built (a load test's setting).
    /// </summary>
    public static async Task<LocalNetwork> StartAsync(
        string? redis, string keyPrefix, LogLevel logLevel, Action<string>? progress = null, string? certificates = null, bool dashboards = false, Action<NodeOptions>? configure = null)
    {
        var folder = CertificateFolder.Open(certificates);
        var embedded = redis is null ? EmbeddedRedisServer.Start() : null;
        var topology = new NetworkTopology(Nodes.Select(n => new TopologyNode { Id = n.Id, Role = n.Role, Admdvs = n.Admdvs, Parent = n.Parent, Addresses = [] }));
        var nodes = new List<(TopologyNode, WebApplication)>();
        var network = default(LocalNetwork);
        try
        {
            foreach (var entry in topology.Nodes)
            {
                progress?.Invoke($"Starting {entry}…");
                var options = new NodeOptions
                {
                    Id = entry.Id,
                    Url = "https://127.0.0.1:0",
                    Tls = folder.IssueNode(entry.Id),
                    Redis = new RedisStoreOptions { Configuration = redis ?? embedded!.Endpoint, KeyPrefix = $"{keyPrefix}:{entry.Id}" },
                    // The national node shows the network, each province its cities, on a free loopback port.
                    DashboardPort = dashboards && entry.Role != NodeRole.Municipal ? 0 : -1,
                };
                configure?.Invoke(options);
                var app = await NodeHost.BuildAsync(options, logging: l => l.SetMinimumLevel(logLevel), topology: topology, services: s =>
                {
                    Draining.Configure(s);
                    s.AddSingleton<EntryGate>().Configure<GrpcServiceOptions>(o => o.Interceptors.Add<EntryGate>());
                }).ConfigureAwait(false);
                nodes.Add((entry, app));
                await app.StartNodeAsync().ConfigureAwait(false);
                entry.Addresses.Add(app.Urls.First());
            }

            network = new LocalNetwork(embedded, topology, nodes, folder);
            // Each city's agency loads its data at its city's node, the cities at once (DESIGN.md §12).
            progress?.Invoke("Loading each city's institutions, policies and persons through its node's API…");
            await Task.WhenAll(nodes.Where(n => n.Item1.Role == NodeRole.Municipal).Select(n => DemoSeeder.RetryWhileUnavailableAsync(() =>
                DemoSeeder.SeedCityAsync(network.Channel(n.Item1.Id, CallerIdentity.Agency(DemoSeeder.AgencyCode(n.Item1.Admdvs), n.Item1.Admdvs)), n.Item1.Admdvs)))).ConfigureAwait(false);

            foreach (var (entry, _) in nodes.Where(n => n.Item1.Role == NodeRole.Provincial))
            {
                progress?.Invoke($"Publishing the catalog of {entry.Admdvs} to its cities…");
                var agency = CallerIdentity.Agency(DemoSeeder.AgencyCode(entry.Admdvs), entry.Admdvs);
                await DemoSeeder.PublishCatalogAsync(new CatalogService.CatalogServiceClient(network.Channel(entry.Id, agency)), entry.Admdvs).ConfigureAwait(false);
                if (entry.Admdvs == "140000")
                {
                    progress?.Invoke($"Publishing the central Shanxi integration zone to the cities of {entry.Admdvs}…");
                    await DemoSeeder.PublishZoneAsync(new Contracts.V1.Policies.PolicyService.PolicyServiceClient(network.Channel(entry.Id, agency)), entry.Admdvs).ConfigureAwait(false);
                }
            }

            return network;
        }
        catch
        {
            if (network is not null)
            {
                await network.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                foreach (var (_, app) in nodes)
                {
                    await app.DisposeAsync().ConfigureAwait(false);
                }

                embedded?.Dispose();
                folder.Dispose();
            }

            throw;
        }
    }

    /// <summary>The hops a call from node <paramref name="fromId"/> for <paramref name="target"/> takes, as DESIGN.md §3 routes it.</summary>
    public IReadOnlyList<TopologyNode> RouteOf(string fromId, string target)
    {
        var hops = new List<TopologyNode> { Topology.GetById(fromId) };
        while (new Router(Topology, hops[^1].Id).NextHop(target) is { IsLocal: false } next)
        {
            hops.Add(next.Peer!);
        }

        return hops;
    }

    /// <summary>Completes when <paramref name="stop"/> is cancelled (SIGTERM, Ctrl+C).</summary>
    public static Task WaitForStopRequestAsync(CancellationToken stop) => Draining.WaitForStopRequestAsync(stop);

    /// <summary>
    /// Stops the network without cutting a call off: every node refuses new calls from outside the network while the
    /// ones in flight finish, relays included (<see cref="EntryGate"/>, at most <see cref="Draining.Timeout"/>); then
    /// every host stops (no new connections, its own calls drained within the same bound). <paramref name="closed"/> is
    /// told once every node refuses new calls.
    /// </summary>
    public async Task StopAsync(Action? closed = null)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        var gates = _nodes.ConvertAll(n => n.App.Services.GetRequiredService<EntryGate>().CloseAsync());
        closed?.Invoke();
        await Task.WhenAny(Task.WhenAll(gates), Task.Delay(Draining.Timeout)).ConfigureAwait(false);
        await Task.WhenAll(_nodes.ConvertAll(n => n.App.StopAsync())).ConfigureAwait(false);
    }

    /// <summary>Stops every node, closes the channels to them, and discards the embedded store and the certificate folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        foreach (var (_, app) in _nodes)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }

        _embedded?.Dispose();
        Certificates.Dispose();
    }

    private static TopologyNode Entry(string id, NodeRole role, string admdvs, string? parent) =>
        new() { Id = id, Role = role, Admdvs = admdvs, Parent = parent, Addresses = [] };
}
