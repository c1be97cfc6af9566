using Adjudication.Node.Catalogs;
using Adjudication.Node.Errors;
using Adjudication.Node.Network;
using Adjudication.Node.Security;
using Adjudication.Node.Services;
using Adjudication.Node.Settlement;
using Adjudication.Storage;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Adjudication.Node.Hosting;

/// <summary>Builds a node: Kestrel (HTTP/2), the gRPC services, the Redis stores, health, reflection and telemetry.</summary>
public static class NodeHost
{
    /// <summary>Name of the ActivitySource and Meter the node emits.</summary>
    public const string TelemetryName = "Adjudication.Node";

    /// <summary>
    /// Builds a node from <paramref name="options"/>; <paramref name="args"/> may override configuration
    /// (e.g. <c>--Node:Admdvs=140100</c>). Pass <see cref="TimeProvider"/> to fix the clock in tests. The node joins a
    /// network when <paramref name="topology"/> is given or <see cref="NodeOptions.Topology"/> names a file; it then
    /// takes its role and division from the topology entry <see cref="NodeOptions.Id"/>. <paramref name="services"/>
    /// may add to the container last (for example an interceptor).
    /// </summary>
    public static async Task<WebApplication> BuildAsync(
        NodeOptions options,
        string[]? args = null,
        TimeProvider? clock = null,
        Action<ILoggingBuilder>? logging = null,
        NetworkTopology? topology = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.Configuration.GetSection("Node").Bind(options);
        // ASP.NET Core logs every request at Information; at thousands of settles a second that line costs more than
        // the settle. The node's own events keep their levels.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (logging is not null)
        {
            logging(builder.Logging);
        }

        topology ??= options.Topology.Length > 0 ? NetworkTopology.Load(options.Topology) : null;
        var router = topology is null ? null : JoinNetwork(options, topology);
        var credentials = NodeTransport.Configure(builder.WebHost, builder.Configuration, options);
        var redis = await StoreConnection.ConnectAsync(options.Redis).ConfigureAwait(false);
        AddNode(builder.Services, options, redis, clock ?? TimeProvider.System, router, credentials);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        MapNode(app, options);
        var catalogs = app.Services.GetRequiredService<CatalogStore>();
        if (redis.IsConnected)
        {
            await catalogs.LoadAsync().ConfigureAwait(false);
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(TelemetryName);
        var catalogVersions = catalogs.Current.Versions.Count;
        NodeLog.NodeStarted(logger, options.Admdvs, options.Role, options.Redis.Configuration, catalogVersions);
        return app;
    }

    private static Router JoinNetwork(NodeOptions options, NetworkTopology topology)
    {
        if (options.Id.Length == 0)
        {
            throw new TopologyException([$"The node has a topology but no id; start it with --Node:Id set to one of: {string.Join(", ", topology.Nodes.Select(n => n.Id))}."]);
        }

        var router = new Router(topology, options.Id);
        options.Admdvs = router.Self.Admdvs;
        options.Role = router.Self.Role.ToString().ToLowerInvariant();
        return router;
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
        services.AddSingleton(sp => new CatalogStore(redis, options.Redis, Domain.Divisions.Admdvs.ProvinceOf(options.Admdvs)));
        services.AddSingleton(_ => new PeerClients(credentials, options.Id));
        services.AddSingleton(sp => new NetworkClient(sp.GetRequiredService<PeerClients>(), sp.GetRequiredService<IOptions<NodeOptions>>(), router));
        services.AddSingleton<FilingPushRetries>();
        services.AddHostedService(sp => sp.GetRequiredService<FilingPushRetries>());
        services.AddSingleton<FilingPropagation>();
        services.AddSingleton<LocalHandlers>();
        services.AddSingleton<RelayService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<RelayService>, RelayMethodProvider>());
        services.AddSingleton<VisitDesk>();
        services.AddSingleton<SettlementDesk>();
        services.AddSingleton<FilingDesk>();
        services.AddSingleton<CatalogDesk>();
        services.AddSingleton<AccessRules>();
        services.AddSingleton<AccessInterceptor>();
        services.AddGrpc(o =>
        {
            // Outermost first: refusals of the access rules become statuses like any other.
            o.Interceptors.Add<ErrorInterceptor>();
            o.Interceptors.Add<AccessInterceptor>();
            o.MaxReceiveMessageSize = 64 * 1024 * 1024;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck("redis", () => redis.IsConnected
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("Redis is not connected"));
        services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(TelemetryName, "Microsoft.AspNetCore"))
            .WithMetrics(m => m.AddMeter(TelemetryName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"));
    }

    // Hospitals and agencies call their city (municipal); provinces publish catalogs; every node relays.
    private static void MapNode(WebApplication app, NodeOptions options)
    {
        if (options.Role == "municipal")
        {
            app.MapGrpcService<SettlementGrpcService>();
            app.MapGrpcService<FilingGrpcService>();
        }

        if (options.Role is "municipal" or "provincial")
        {
            app.MapGrpcService<CatalogGrpcService>();
        }

        app.MapGrpcService<RelayService>();
        app.MapGrpcService<DiagnosticsGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
    }
}
