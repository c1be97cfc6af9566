using Adjudication.Node.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Adjudication.Node.Telemetry;

/// <summary>
/// The one place that wires the node's telemetry (as eShop's ServiceDefaults does): the trace source and meter, the
/// ASP.NET Core and Kestrel meters, OTLP export of both when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the
/// OpenTelemetry convention; the other standard variables such as <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> apply too), and
/// Prometheus text on <c>GET /metrics</c> when <see cref="NodeOptions.MetricsPort"/> is set. With neither, nothing
/// listens and the instruments cost nothing.
/// </summary>
internal static class TelemetryRegistration
{
    public static IServiceCollection AddNodeTelemetry(this IServiceCollection services, IConfiguration configuration, NodeOptions options)
    {
        services.AddSingleton<NodeMetrics>();
        services.AddSingleton<TelemetryInterceptor>();
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] ?? Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        var prometheus = options.MetricsPort > 0;
        if (!otlp && !prometheus)
        {
            // Nothing leaves the process, so nothing listens: no span is made and no measurement kept, and telemetry
            // costs a settle nothing (perf/README.md "Telemetry").
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("adjudication-node", serviceInstanceId: options.Id.Length > 0 ? options.Id : options.Admdvs))
            .WithMetrics(m =>
            {
                m.AddMeter(NodeTelemetry.Name, Storage.StoreMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel");
                if (prometheus)
                {
                    m.AddPrometheusHttpListener(p =>
                    {
                        p.Host = options.MetricsHost;
                        p.Port = options.MetricsPort;
                        // Every scrape reads the instruments afresh (Prometheus scrapes every 15 s or so; nothing to save).
                        p.ScrapeResponseCacheDurationMilliseconds = 0;
                    });
                }
            });
        if (otlp)
        {
            // Spans are made only where they can leave: over OTLP.
            telemetry.WithTracing(t => t.AddSource(NodeTelemetry.Name)).UseOtlpExporter();
        }

        return services;
    }
}
