using Adjudication.Storage.Embedded;

namespace Adjudication.Cli.Tests.Infrastructure;

/// <summary>
/// The Redis the nodes under test use, shared by the run: <c>ADJUDICATION_TEST_REDIS</c> (<c>host:port</c>, a real
/// <c>redis-server</c> in CI), else one embedded server in this process that the child processes reach over TCP. A
/// unique key prefix per test keeps tests apart (CONVENTIONS.md "Tests").
/// </summary>
public static class TestRedis
{
    private static readonly Lazy<string> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The StackExchange.Redis configuration string (host:port) to pass as <c>--redis</c>.</summary>
    public static string Configuration => Started.Value;

    /// <summary>A key prefix no other test uses.</summary>
    public static string NewPrefix() => "cli" + Guid.NewGuid().ToString("N");

    private static string Start()
    {
        var configured = Environment.GetEnvironmentVariable("ADJUDICATION_TEST_REDIS");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        var server = EmbeddedRedisServer.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server.Endpoint;
    }
}
