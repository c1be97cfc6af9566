using Adjudication.Storage.Embedded;
using StackExchange.Redis;

namespace Adjudication.Storage.Tests.Infrastructure;

/// <summary>
/// The store the tests run against (CONVENTIONS.md "Tests"): <c>ADJUDICATION_TEST_REDIS</c> (<c>host:port</c>, a real
/// <c>redis-server</c> in CI), else one embedded server in this process. One connection for the run; each test keeps
/// to its own key prefix, so tests run in parallel.
/// </summary>
public static class TestRedis
{
    private static readonly Lazy<IConnectionMultiplexer> Connected = new(Connect, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shared connection.</summary>
    public static IConnectionMultiplexer Connection => Connected.Value;

    private static ConnectionMultiplexer Connect()
    {
        var configured = Environment.GetEnvironmentVariable("ADJUDICATION_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(configured))
        {
            var server = EmbeddedRedisServer.Start();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
            configured = server.Endpoint;
        }

        return ConnectionMultiplexer.Connect(configured.Trim());
    }
}
