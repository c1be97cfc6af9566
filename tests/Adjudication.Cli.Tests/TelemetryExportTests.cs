using System.Collections.Concurrent;
using System.Globalization;
using Adjudication.Cli.Tests.Infrastructure;
using Adjudication.Contracts.V1;
using Adjudication.Node.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Adjudication.Cli.Tests;

/// <summary>
/// A node process started with the standard OpenTelemetry variables sends its traces and metrics over OTLP
/// (DESIGN.md §9), here to a receiver on a free port that records what arrives.
/// </summary>
public sealed class TelemetryExportTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Node_OtelExporterOtlpEndpointSet_SendsTracesAndMetricsToTheReceiver()
    {
        // Arrange: an OTLP/HTTP receiver that notes every export request by path and size.
        var received = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var traces = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var metrics = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.AddOrUpdate(signal, body.Length, (_, total) => total + body.Length);
            (signal == "traces" ? traces : signal == "metrics" ? metrics : null)?.TrySetResult();
            return Results.Ok();
        });
        await receiver.StartAsync();
        var endpoint = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.DoesNotContain(":0", endpoint, StringComparison.Ordinal);
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Export at once rather than after the default 5 s (spans) and 60 s (metrics).
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        };
        await using var node = CliProcess.StartCli(environment, "node", "--plaintext", "--no-seed", "--redis", TestRedis.Configuration, "--key-prefix", TestRedis.NewPrefix(), "--port", port);
        await node.WaitForOutputAsync($"listening at http://127.0.0.1:{port}");

        // Act: an operator's call, marked sampled in its traceparent (the node records one trace in ten of its own
        // accord, and every trace its caller samples), makes a span and a latency measurement.
        using var channel = SecureChannel.Plaintext($"http://127.0.0.1:{port}", CallerIdentity.Operator("ops-otlp"));
        var traceparent = $"00-{System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString()}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01";
        await new DiagnosticsService.DiagnosticsServiceClient(channel).PingAsync(new PingRequest(), new Grpc.Core.Metadata { { "traceparent", traceparent } });
        await traces.Task.WaitAsync(Patience);
        await metrics.Task.WaitAsync(Patience);

        // Assert: both signals arrived with content.
        Assert.True(received["traces"] > 0 && received["metrics"] > 0, string.Join(", ", received));
    }
}
