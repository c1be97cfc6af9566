using Adjudication.Node.Catalogs;
using Adjudication.Node.Clearing;
using Adjudication.Node.Dashboard;
using Adjudication.Node.Errors;
using Adjudication.Node.Gateway;
using Adjudication.Node.Ledger;
using Adjudication.Node.Network;
using Adjudication.Node.Outbox;
using Adjudication.Node.ReferenceData;
using Adjudication.Node.Policies;
using Adjudication.Node.Security;
using Adjudication.Node.Services;
using Adjudication.Node.Settlement;
using Adjudication.Node.Telemetry;
using Adjudication.Storage;
using Adjudication.Storage.Clearing;
using Adjudication.Storage.Ledger;
using Adjudication.Storage.Outbox;
using Adjudication.Storage.Prepayment;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Adjudication.Node.Hosting;

/// <summary>Builds a node: Kestrel (HTTP/2), the gRPC services, the Redis stores, health, reflection and telemetry.</summary>
public static class NodeHost
{
    /// <summary>
    /// Largest request message of every service. The largest unary message is an UploadFees of 1,000 lines: 233,330
    /// bytes with every string at its longest accepted length (64 characters) and every number at its widest encoding
    /// (MemoryBudgetTests measures it), so 4 MiB leaves a margin of 17 times. A catalog travels as a stream of parts of
    /// at most 5,000 entries (<see cref="Contracts.V1.CatalogParts"/>), about 2.4 MB at the longest accepted entries.
    /// </summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Builds a node from <paramref name="options"/>; <paramref name="args"/> may override configuration
    /// (e.g. <c>--Node:Admdvs=140100</c>). Pass <see cref="TimeProvider"/> to fix the clock in tests. The node joins a
    /// network when <paramref name="topology"/> is given or <see cref="NodeOptions.Topology"/> names a file; it then
    /// takes its role and division from the topology entry <see cref="NodeOptions.Id"/>. <paramref name="services"/>
    /// may add to the container last (for example an interceptor).
    /// </summary>
    /// <remarks>
    /// The configuration is checked before anything is opened: every key of the <c>Node</c> section is read or
    /// reported (<see cref="NodeOptionsBinder"/>), the options meet <see cref="NodeOptionsValidator"/>, the topology and
    /// the node's place in it, the listen address (<see cref="ListenAddress"/>) and the transport. A Redis that does not
    /// answer yet is no configuration problem: the node starts, logs a warning, keeps reconnecting and answers
    /// UNAVAILABLE (STORE_UNAVAILABLE) until the store is back, as it does when the store goes away later.
    /// </remarks>
    /// <exception cref="NodeConfigurationException">At least one problem; <see cref="NodeConfigurationException.Problems"/> lists them all.</exception>
    public static async Task<WebApplication> BuildAsync(
        NodeOptions options,
        string[]? args = null,
        TimeProvider? clock = null,
        Action<ILoggingBuilder>? logging = null,
        NetworkTopology? topology = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        var problems = new List<string>();
        NodeOptionsBinder.Bind(builder.Configuration.GetSection("Node"), options, problems);
        // ASP.NET Core logs every request at Information; at thousands of settles a second that line costs more than
        // the settle. The node's own events keep their levels.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (logging is not null)
        {
            logging(builder.Logging);
        }

        var inNetwork = topology is not null || options.Topology.Length > 0;
        var router = inNetwork ? JoinNetwork(options, topology, problems) : StandAlone(options, problems);
        problems.AddRange(NodeOptionsValidator.Check(options, inNetwork));
        var credentials = ConfigureTransport(builder, options, problems);
        if (problems.Count > 0)
        {
            throw new NodeConfigurationException(problems);
        }

        var redis = await StoreConnection.ConnectAsync(options.Redis).ConfigureAwait(false);
        AddNode(builder.Services, options, redis, clock ?? TimeProvider.System, router, credentials);
        builder.Services.AddNodeTelemetry(builder.Configuration, options);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        MapNode(app, options);
        var catalogs = app.Services.GetRequiredService<CatalogStore>();
        if (redis.IsConnected)
        {
            await catalogs.LoadAsync().ConfigureAwait(false);
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(NodeTelemetry.Name);
        if (!redis.IsConnected)
        {
            NodeLog.StoreUnreachable(logger, options.Redis.Configuration, options.Redis.TimeoutMilliseconds);
        }

        var catalogVersions = catalogs.Current.Versions.Count;
        // The role as operators write it (municipal), not as the enum prints it; once per start.
        var role = NodeRoles.Name(options.Role);
        NodeLog.NodeStarted(logger, options.Admdvs, role, options.Redis.Configuration, catalogVersions);
        return app;
    }

    // A node of a network takes its role and division from its topology entry, and listens where the entry says.
    private static Router? JoinNetwork(NodeOptions options, NetworkTopology? topology, List<string> problems)
    {
        try
        {
            topology ??= NetworkTopology.Load(options.Topology);
            if (options.Id.Length == 0)
            {
                problems.Add($"The node has a topology but no id; start it with --id (Node:Id) set to one of: {string.Join(", ", topology.Nodes.Select(n => n.Id))}.");
                return null;
            }

            var router = new Router(topology, options.Id);
            options.Admdvs = router.Self.Admdvs;
            options.Role = router.Self.Role;
            ListenAddress.Resolve(options, router.Self, problems);
            return router;
        }
        catch (TopologyException ex)
        {
            problems.AddRange(ex.Problems);
            return null;
        }
    }

    private static Router? StandAlone(NodeOptions options, List<string> problems)
    {
        if (options.Id.Length > 0)
        {
            problems.Add($"Node:Id (--id) '{options.Id}' names a node of a topology, but no topology is given: add --topology FILE (Node:Topology), or drop --id to run a stand-alone municipal node.");
        }

        ListenAddress.Resolve(options, null, problems);
        return null;
    }

    // The transport's own checks (NodeTransport) stop at their first problem; it joins the others in the list.
    private static NodeCredentials? ConfigureTransport(WebApplicationBuilder builder, NodeOptions options, List<string> problems)
    {
        if (options.Url.Length == 0)
        {
            // The address was to come from a topology that could not be read; that problem is listed already.
            return null;
        }

        try
        {
            return NodeTransport.Configure(builder.WebHost, builder.Configuration, options);
        }
        catch (NodeConfigurationException ex)
        {
            problems.AddRange(ex.Problems);
            return null;
        }
    }

    private static void AddNode(IServiceCollection services, NodeOptions options, IConnectionMultiplexer redis, TimeProvider clock, Router? router, NodeCredentials? credentials)
    {
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(options.Redis);
        services.AddSingleton(redis);
        services.AddSingleton(clock);
        services.AddSingleton<PersonStore>();
        services.AddSingleton<VisitStore>();
        services.AddSingleton<SettlementStore>();
        services.AddSingleton<FilingStore>();
        services.AddSingleton<FilingCacheStore>();
        services.AddSingleton<ReferenceDataStore>();
        services.AddSingleton<PolicyStore>();
        services.AddSingleton<ZoneStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<LedgerStore>();
        services.AddSingleton<IOutboxHandler, LedgerBookingHandler>();
        services.AddSingleton<IOutboxHandler, FilingPushHandler>();
        services.AddSingleton<IOutboxHandler, ZonePushHandler>();
        services.AddSingleton<ClearingStore>();
        services.AddSingleton<PrepaymentStore>();
        services.AddSingleton<ClearingFlow>();
        services.AddSingleton<ClearingDesk>();
        services.AddSingleton<PrepaymentDesk>();
        services.AddSingleton<IOutboxHandler, ClearingUpHandler>();
        services.AddSingleton<IOutboxHandler, ClearingInsuredHandler>();
        services.AddSingleton<IOutboxHandler, PrepaymentHandler>();
        services.AddSingleton<OutboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
        services.AddHostedService<ZoneCatchUp>();
        services.AddSingleton(sp => new CatalogStore(redis, options.Redis, Domain.Divisions.Admdvs.ProvinceOf(options.Admdvs), clock, options.CatalogLookBackYears));
        services.AddSingleton(sp => new PeerClients(credentials, options.Id, options.HopAttemptTimeout, sp.GetRequiredService<NodeMetrics>()));
        services.AddSingleton(credentials?.Revocations ?? RevocationList.None);
        services.AddSingleton(sp => new RevocationWatcher(credentials, sp.GetRequiredService<ILogger<RevocationWatcher>>()));
        services.AddHostedService(sp => sp.GetRequiredService<RevocationWatcher>());
        services.AddSingleton(sp => new NetworkClient(sp.GetRequiredService<PeerClients>(), sp.GetRequiredService<IOptions<NodeOptions>>(), router));
        services.AddSingleton<FilingPropagation>();
        services.AddSingleton<SettlementPulse>();
        services.AddSingleton<DashboardBuilder>();
        services.AddSingleton<DashboardServer>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardServer>());
        services.AddSingleton<LocalHandlers>();
        services.AddSingleton<RelayService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<RelayService>, RelayMethodProvider>());
        services.AddSingleton<VisitDesk>();
        services.AddSingleton<InsuredSettlement>();
        services.AddSingleton<InsuredReversal>();
        services.AddSingleton<TreatmentSettlement>();
        services.AddSingleton<SettlementDesk>();
        services.AddSingleton<ReconciliationDesk>();
        services.AddSingleton<FilingDesk>();
        services.AddSingleton<PersonDesk>();
        services.AddSingleton<AccountDesk>();
        services.AddSingleton<InstitutionDesk>();
        services.AddSingleton<CatalogDesk>();
        services.AddSingleton<PolicyDesk>();
        services.AddJsonGateway();
        // What arrives must be gRPC frames; a body that is not is refused as bad input, never INTERNAL (DESIGN.md §7).
        services.AddTransient<IStartupFilter, UnreadableFrames>();
        services.AddSingleton<AccessRules>();
        services.AddSingleton<AccessInterceptor>();
        services.AddGrpc(o =>
            {
                // Outermost first: telemetry sees the status the caller gets; refusals of the access rules become
                // statuses like any other.
                o.Interceptors.Add<TelemetryInterceptor>();
                o.Interceptors.Add<ErrorInterceptor>();
                o.Interceptors.Add<AccessInterceptor>();
                // Kestrel's body limit follows it for unary calls (NodeTransport). A larger message is refused from its
                // frame header, before it is read: RESOURCE_EXHAUSTED MESSAGE_TOO_LARGE (UnreadableFrames), so a burst of
                // oversized calls costs no memory.
                o.MaxReceiveMessageSize = MaxMessageBytes;
            });
        var served = ServicesOf(options).Select(s => s.Service).ToList();
        services.AddSingleton(new Grpc.Reflection.ReflectionServiceImpl([.. served, Grpc.Health.V1.Health.Descriptor, Grpc.Reflection.V1Alpha.ServerReflection.Descriptor]));
        services.AddGrpcReflection();
        NodeHealth.Add(services, redis, served.Select(s => s.FullName));
    }

    // The node's own gRPC services for its role: hospitals and agencies call their city (municipal),
    // provinces publish catalogs and integration zones, every node relays and answers operators. Mapped here, named in health, listed by
    // reflection (the relay is bound over raw bytes, so reflection would not find NetworkService on its own).
    private static IEnumerable<(Google.Protobuf.Reflection.ServiceDescriptor Service, Action<WebApplication> Map)> ServicesOf(NodeOptions options)
    {
        if (options.Role == NodeRole.Municipal)
        {
            yield return (Contracts.V1.SettlementService.Descriptor, a => a.MapGrpcService<SettlementGrpcService>());
            yield return (Contracts.V1.ReconciliationService.Descriptor, a => a.MapGrpcService<ReconciliationGrpcService>());
            yield return (Contracts.V1.FilingService.Descriptor, a => a.MapGrpcService<FilingGrpcService>());
            yield return (Contracts.V1.ReferenceDataService.Descriptor, a => a.MapGrpcService<ReferenceDataGrpcService>());
        }

        if (options.Role is NodeRole.Municipal or NodeRole.Provincial)
        {
            yield return (Contracts.V1.CatalogService.Descriptor, a => a.MapGrpcService<CatalogGrpcService>());
            // Cities publish their policies, provinces their zones (the access rules hold each method to its role).
            yield return (Contracts.V1.Policies.PolicyService.Descriptor, a => a.MapGrpcService<PolicyGrpcService>());
        }

        // Clearing between regions runs where regions meet: a province clears its cities, the national node its provinces.
        if (options.Role is NodeRole.Provincial or NodeRole.National)
        {
            yield return (Contracts.V1.ClearingService.Descriptor, a => a.MapGrpcService<ClearingGrpcService>());
        }

        if (options.Role == NodeRole.National)
        {
            yield return (Contracts.V1.PrepaymentService.Descriptor, a => a.MapGrpcService<PrepaymentGrpcService>());
        }

        yield return (Contracts.V1.NetworkService.Descriptor, a => a.MapGrpcService<RelayService>());
        yield return (Contracts.V1.DiagnosticsService.Descriptor, a => a.MapGrpcService<DiagnosticsGrpcService>());
    }

    private static void MapNode(WebApplication app, NodeOptions options)
    {
        foreach (var (_, map) in ServicesOf(options))
        {
            map(app);
        }

        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        // The national JSON interface is for hospitals and agencies, who call their city's node (issue 17).
        if (options.Role == NodeRole.Municipal)
        {
            app.MapJsonGateway();
        }
    }
}
