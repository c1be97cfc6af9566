using Adjudication.Node.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

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
    /// <summary>Share of traces recorded when OTEL_TRACES_SAMPLER is not set: a tenth, plus every trace a caller samples.</summary>
    public const double DefaultTraceSampleRatio = 0.1;

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
            // Spans are made only where they can leave: over OTLP. At thousands of settles a second a span for every one
            // costs more than the settle's own margin (perf/README.md "Telemetry"), so unless OTEL_TRACES_SAMPLER says
            // otherwise one trace in ten is recorded, and every trace a caller marks as sampled in its traceparent (a
            // hospital or operator debugging one call gets all of it, at every hop).
            telemetry.WithTracing(t =>
            {
                t.AddSource(NodeTelemetry.Name);
                if (string.IsNullOrWhiteSpace(configuration["OTEL_TRACES_SAMPLER"] ?? Environment.GetEnvironmentVariable("OTEL_TRACES_SAMPLER")))
                {
                    t.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(DefaultTraceSampleRatio)));
                }
            }).UseOtlpExporter();
        }

        return services;
    }
}
