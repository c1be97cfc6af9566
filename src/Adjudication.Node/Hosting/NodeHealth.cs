using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Adjudication.Node.Hosting;

/// <summary>
/// grpc.health.v1 as an orchestrator reads it (DESIGN.md §9):
/// <list type="bullet">
/// <item><c>liveness</c>: the process answers; restart it only when this fails.</item>
/// <item><c>readiness</c>, the empty name, and each gRPC service this node serves by its full name
/// (<c>adjudication.v1.SettlementService</c>, ...): the store answers a PING within <see cref="StorePingTimeout"/>, so
/// calls can be served; route traffic elsewhere while it fails.</item>
/// </list>
/// A service this node does not serve is NOT_FOUND. Health is open to every caller (DESIGN.md §8).
/// </summary>
internal static class NodeHealth
{
    /// <summary>Longest a readiness check waits for the store's PING.</summary>
    public static readonly TimeSpan StorePingTimeout = TimeSpan.FromSeconds(1);

    private const string Ready = "ready";
    private const string Live = "live";

    public static void Add(IServiceCollection services, IConnectionMultiplexer redis, IEnumerable<string> servedServices)
    {
        services.AddGrpcHealthChecks(o =>
            {
                o.Services.Map(string.Empty, c => c.Tags.Contains(Ready));
                o.Services.Map("readiness", c => c.Tags.Contains(Ready));
                o.Services.Map("liveness", c => c.Tags.Contains(Live));
                foreach (var service in servedServices)
                {
                    o.Services.Map(service, c => c.Tags.Contains(Ready));
                }
            })
            // Answering this call is the proof of life; the check itself has nothing more to ask.
            .AddCheck("process", () => HealthCheckResult.Healthy("The node answers."), tags: [Live])
            .AddAsyncCheck("store", async cancellationToken =>
            {
                try
                {
                    var latency = await redis.GetDatabase().PingAsync().WaitAsync(StorePingTimeout, cancellationToken).ConfigureAwait(false);
                    return HealthCheckResult.Healthy($"The store answered PING in {latency.TotalMilliseconds:0.0} ms.");
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    return HealthCheckResult.Unhealthy($"The store did not answer PING within {StorePingTimeout.TotalSeconds:0} s ({ex.GetType().Name}); calls answer STORE_UNAVAILABLE until it does.");
                }
            }, tags: [Ready]);
    }
}
