using Adjudication.Storage.Embedded;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// The one Redis every test class shares (CONVENTIONS.md "Tests": real Redis from the environment, a unique key
/// prefix per test class so classes run in parallel). <c>ADJUDICATION_TEST_REDIS</c> (<c>host:port</c>) names a real
/// server; when it is unset one in-process Garnet server is started for the whole run and stopped at process exit.
/// </summary>
/// <remarks>
/// xunit 2 has no assembly fixture, and a collection fixture would put every class in one collection and run them
/// one after another; a lazily started, process-wide server keeps the classes parallel.
/// </remarks>
public static class SharedRedis
{
    /// <summary>
    /// The environment variable naming the test Redis: <c>host:port</c>, or a Redis Cluster as its primaries
    /// <c>host:port,host:port,host:port</c> (the same configuration string a node takes).
    /// </summary>
    public const string EnvironmentVariable = "ADJUDICATION_TEST_REDIS";

    /// <summary>The trait that marks what a test needs of the store.</summary>
    public const string StoreTrait = "Store";

    /// <summary>
    /// The test needs the store to be one server (it stands a proxy in front of it); the cluster pass of .ci/run
    /// filters these out with <c>Store!=SingleServer</c>, and the pass against one redis-server runs them.
    /// </summary>
    public const string SingleServer = "SingleServer";

    private static readonly Lazy<string> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The StackExchange.Redis configuration string of the shared server.</summary>
    public static string Configuration => Started.Value;

    /// <summary>Whether the tests run against a server named by the environment (a real <c>redis-server</c> in CI).</summary>
    public static bool IsExternal => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable));

    private static string Start()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        var server = EmbeddedRedisServer.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server.Endpoint;
    }
}
