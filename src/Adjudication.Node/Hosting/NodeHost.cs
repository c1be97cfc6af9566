using Adjudication.Node.Errors;
using Adjudication.Node.Services;
using Adjudication.Node.Settlement;
using Adjudication.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
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
    /// (e.g. <c>--Node:Admdvs=140100</c>). Pass <see cref="TimeProvider"/> to fix the clock in tests.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(NodeOptions options, string[]? args = null, TimeProvider? clock = null, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.Configuration.GetSection("Node").Bind(options);
        if (logging is not null)
        {
            logging(builder.Logging);
        }

        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(e => e.Protocols = HttpProtocols.Http2));
        var redis = await StoreConnection.ConnectAsync(options.Redis).ConfigureAwait(false);
        AddNode(builder.Services, options, redis, clock ?? TimeProvider.System);
        var app = builder.Build();
        MapNode(app);
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

    private static void AddNode(IServiceCollection services, NodeOptions options, IConnectionMultiplexer redis, TimeProvider clock)
    {
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(options.Redis);
        services.AddSingleton(redis);
        services.AddSingleton(clock);
        services.AddSingleton<PersonStore>();
        services.AddSingleton<VisitStore>();
        services.AddSingleton<SettlementStore>();
        services.AddSingleton<FilingStore>();
        services.AddSingleton<ReferenceDataStore>();
        services.AddSingleton(sp => new CatalogStore(redis, options.Redis, Domain.Divisions.Admdvs.ProvinceOf(options.Admdvs)));
        services.AddSingleton<VisitDesk>();
        services.AddSingleton<SettlementDesk>();
        services.AddSingleton<FilingDesk>();
        services.AddGrpc(o =>
        {
            o.Interceptors.Add<ErrorInterceptor>();
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

    private static void MapNode(WebApplication app)
    {
        app.MapGrpcService<SettlementGrpcService>();
        app.MapGrpcService<FilingGrpcService>();
        app.MapGrpcService<CatalogGrpcService>();
        app.MapGrpcService<DiagnosticsGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
    }
}
