using Adjudication.Cli.Tests.Infrastructure;
using Adjudication.Contracts.V1;
using Adjudication.Contracts.V1.Policies;
using Adjudication.Node.Network;
using Adjudication.Node.Security;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// A real network of DESIGN.md §3 on the shared Redis, every node a real Kestrel host on <c>127.0.0.1:0</c> with its
/// own key prefix: the national node, Shanxi (140000, an active and a standby host sharing one store) with Taiyuan
/// (140100) and Jinzhong (140700), both in the central Shanxi integration zone, and Beijing (110000) with its single
/// city node (110100). The topology is built with empty address lists, every host starts on a free port, then the
/// addresses are filled in; peers are dialled on first use, after that.
/// </summary>
public sealed class TestNetwork : IAsyncDisposable
{
    public const string National = "N";
    public const string Shanxi = "P-140000";
    public const string Beijing = "P-110000";
    public const string Taiyuan = "M-140100";
    public const string Jinzhong = "M-140700";
    public const string BeijingCity = "M-110100";

    /// <summary>A tertiary hospital in Beijing (a children's hospital in the field reports).</summary>
    public const string BeijingHospital = "H11010000001";

    /// <summary>A tertiary hospital in Taiyuan.</summary>
    public const string TaiyuanHospital = "H14010000001";

    /// <summary>A tertiary hospital in Jinzhong.</summary>
    public const string JinzhongHospital = "H14070000001";

    /// <summary>
    /// The central Shanxi city cluster (DESIGN.md §5), from shared/data/divisions.json; 5% lower ratio. Published once
    /// by the Shanxi agency at its provincial node, which hands it to Taiyuan and Jinzhong.
    /// </summary>
    public static IntegrationZone CentralShanxi => new()
    {
        Name = "山西中部城市群",
        MemberAdmdvs = { "140100", "140900", "140300", "140700", "141100" },
        ReductionBp = 500,
    };

    /// <summary>The msgid under which the Shanxi agency published <see cref="CentralShanxi"/> when the network was seeded.</summary>
    public const string ZoneMsgid = "A14000000001" + "20260101000000" + "0002";

    private readonly Dictionary<string, TestNode> _nodes;
    private readonly NetworkTopology _topology;

    private TestNetwork(NetworkTopology topology, Dictionary<string, TestNode> nodes, TestNode shanxiStandby, AnswerDropper dropper, CallRecorder jinzhongCalls)
    {
        _topology = topology;
        _nodes = nodes;
        ShanxiStandby = shanxiStandby;
        Dropper = dropper;
        JinzhongCalls = jinzhongCalls;
    }

    /// <summary>The node with topology id <paramref name="id"/> (the active host for Shanxi).</summary>
    public TestNode this[string id] => _nodes[id];

    /// <summary>The addresses every node of the network dials node <paramref name="id"/> at, active first; tests may change them.</summary>
    public IList<string> AddressesOf(string id) => _topology.GetById(id).Addresses;

    /// <summary>The standby host of the Shanxi provincial node: same id and store, second address in the topology.</summary>
    public TestNode ShanxiStandby { get; }

    /// <summary>Installed on the Beijing provincial node: drops the answer of armed calls after they were relayed.</summary>
    public AnswerDropper Dropper { get; }

    /// <summary>Installed on the Jinzhong city node: the trace context and deadline of the calls it receives.</summary>
    public CallRecorder JinzhongCalls { get; }

    /// <summary>
    /// Starts and seeds the network through its APIs: institutions and policies per city, the catalog published at each province and,
    /// unless <paramref name="centralShanxiZone"/> is false, the central Shanxi zone published at Shanxi. With
    /// <paramref name="metrics"/>, every node also serves Prometheus text at <see cref="TestNode.MetricsUrl"/>; with
    /// <paramref name="dashboards"/>, the national and provincial nodes serve their dashboards at <see cref="TestNode.DashboardUrl"/>;
    /// <paramref name="clearingFeed"/> false starts every node with <c>Node:ClearingFeed</c> off.
    /// </summary>
    public static async Task<TestNetwork> StartAsync(bool metrics = false, bool centralShanxiZone = true, bool dashboards = false, bool clearingFeed = true)
    {
        var topology = new NetworkTopology(
        [
            Entry(National, NodeRole.National, "000000", null),
            Entry(Shanxi, NodeRole.Provincial, "140000", National),
            Entry(Beijing, NodeRole.Provincial, "110000", National),
            Entry(Taiyuan, NodeRole.Municipal, "140100", Shanxi),
            Entry(Jinzhong, NodeRole.Municipal, "140700", Shanxi),
            Entry(BeijingCity, NodeRole.Municipal, "110100", Beijing),
        ]);
        var clock = new FixedClock();
        var dropper = new AnswerDropper();
        var recorder = new CallRecorder();
        var nodes = new Dictionary<string, TestNode>();
        TestNode? standby = null;
        try
        {
            foreach (var entry in topology.Nodes)
            {
                Action<IServiceCollection>? services = entry.Id switch
                {
                    Beijing => s => s.AddSingleton(dropper).Configure<Grpc.AspNetCore.Server.GrpcServiceOptions>(o => o.Interceptors.Add<AnswerDropper>()),
                    Jinzhong => s => s.AddSingleton(recorder).Configure<Grpc.AspNetCore.Server.GrpcServiceOptions>(o => o.Interceptors.Add<CallRecorder>()),
                    _ => null,
                };
                nodes[entry.Id] = await TestNode.StartAsync(SharedRedis.Configuration, clock, o => (o.Id, o.MetricsPort, o.DashboardPort, o.ClearingFeed) =
                    (entry.Id, metrics ? FreePort.Next() : 0, dashboards && entry.Role != NodeRole.Municipal ? 0 : -1, clearingFeed), topology, services);
            }

            var shanxiPrefix = nodes[Shanxi].Options.Redis.KeyPrefix;
            standby = await TestNode.StartAsync(SharedRedis.Configuration, clock, o => { o.Id = Shanxi; o.Redis.KeyPrefix = shanxiPrefix; }, topology);
            foreach (var entry in topology.Nodes)
            {
                entry.Addresses.Add(nodes[entry.Id].Address);
            }

            topology.GetById(Shanxi).Addresses.Add(standby.Address);
            var network = new TestNetwork(topology, nodes, standby, dropper, recorder);
            await network.SeedAsync(centralShanxiZone);
            return network;
        }
        catch
        {
            foreach (var node in nodes.Values)
            {
                await node.DisposeAsync();
            }

            if (standby is not null)
            {
                await standby.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Starts node <paramref name="id"/> again after <see cref="TestNode.StopAsync"/>: a new host on the stopped one's
    /// address, store and key prefix, in this network's topology, so what it left in its store (the outbox included)
    /// is there. The caller disposes it.
    /// </summary>
    public Task<TestNode> StartAgainAsync(string id)
    {
        var stopped = _nodes[id];
        return TestNode.StartAsync(SharedRedis.Configuration, stopped.Clock, o => (o.Id, o.Url, o.Redis.KeyPrefix) = (id, stopped.Address, stopped.Options.Redis.KeyPrefix), _topology);
    }

    /// <summary>
    /// Registers a filing (2501) for <paramref name="person"/> at their insured city's node, as its agency does, and
    /// returns the stored version; the node pushes it toward <paramref name="dest"/> before answering.
    /// </summary>
    public async Task<Filing> FileAsync(Domain.Persons.PersonProfile person, FilingClass filingClass, string dest, string begin)
    {
        var node = _nodes.Values.First(n => n.Options.Role == NodeRole.Municipal && n.Options.Admdvs == person.InsuplcAdmdvs);
        return await node.Filing.RegisterFilingAsync(new RegisterFilingRequest
        {
            Msgid = node.NextMsgid("A" + person.InsuplcAdmdvs + "00001"),
            PsnNo = person.PsnNo,
            InsuplcAdmdvs = person.InsuplcAdmdvs,
            FilingClass = filingClass,
            DestAdmdvs = dest,
            Begndate = begin,
        });
    }

    /// <summary>
    /// The headers a neighbour node sends with a NetworkService call for <paramref name="target"/> that entered the
    /// network at node <paramref name="origin"/> on behalf of <paramref name="caller"/> (by default that city's agency).
    /// </summary>
    public static Metadata RelayHeaders(string target, string origin, CallerIdentity? caller = null) => new()
    {
        { NetworkHeaders.Target, target },
        { NetworkHeaders.Origin, origin },
        { NetworkHeaders.Caller, (caller ?? TerminalInvoker.AgencyOf(OriginCity(origin))).ToUri() },
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await ShanxiStandby.DisposeAsync();
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync();
        }
    }

    private static string OriginCity(string nodeId) => nodeId switch
    {
        Taiyuan => "140100",
        Jinzhong => "140700",
        BeijingCity => "110100",
        _ => "000000",
    };

    private static TopologyNode Entry(string id, NodeRole role, string admdvs, string? parent) =>
        new() { Id = id, Role = role, Admdvs = admdvs, Addresses = [], Parent = parent };

    // Through the nodes' APIs, every call at once: each city's agency designates its hospital and publishes its policies;
    // Shanxi's agency publishes the zone and each province's agency its catalog (就医地目录), handed down to its cities.
    private async Task SeedAsync(bool centralShanxiZone)
    {
        var seeds = new List<Task>();
        foreach (var (id, hospital, name) in new[]
        {
            (Taiyuan, TaiyuanHospital, "山西省人民医院"),
            (Jinzhong, JinzhongHospital, "晋中市第一人民医院"),
            (BeijingCity, BeijingHospital, "首都医科大学附属北京儿童医院"),
        })
        {
            var node = _nodes[id];
            await node.WaitForStoreAsync(TimeSpan.FromSeconds(15));
            var city = node.Options.Admdvs;
            seeds.Add(AgencySeed.DesignateAsync(node, 101, hospital, name, HospitalLevel.Tertiary));
            seeds.Add(AgencySeed.PublishPolicyAsync(node, 111, TestPolicies.Employee(city)));
            seeds.Add(AgencySeed.PublishPolicyAsync(node, 112, TestPolicies.Resident(city)));
        }

        // Zones are the province's (DESIGN.md §5, §12): published once at Shanxi, handed down to its cities.
        if (centralShanxiZone)
        {
            seeds.Add(_nodes[Shanxi].Policy.PublishZoneAsync(new PublishZoneRequest { Msgid = ZoneMsgid, Zone = CentralShanxi }).ResponseAsync);
        }

        foreach (var province in new[] { Shanxi, Beijing })
        {
            var publish = new PublishCatalogRequest
            {
                Msgid = "A" + _nodes[province].Options.Admdvs + "00000" + "20260101000000" + "0001",
                CatalogVersion = World.CatalogVersion,
                EffectiveDate = "2026-01-01",
            };
            publish.Entries.AddRange(World.Catalog);
            seeds.Add(_nodes[province].Catalog.PublishCatalogAsync(publish));
        }

        await Task.WhenAll(seeds);
    }
}
