using StackExchange.Redis;

namespace Adjudication.Storage;

/// <summary>Opens the node's Redis connection with settings that fail fast instead of hanging.</summary>
public static class StoreConnection
{
    /// <summary>
    /// Connects without aborting when Redis is down at start-up (the node keeps retrying in the background),
    /// and with a fail-fast backlog so calls made while disconnected fail at once with a connection error
    /// that the edge turns into UNAVAILABLE (DESIGN.md §7 "never a hang").
    /// </summary>
    public static async Task<IConnectionMultiplexer> ConnectAsync(RedisStoreOptions options, TextWriter? log = null)
    {
        var config = ConfigurationOptions.Parse(options.Configuration);
        config.ConnectTimeout = options.TimeoutMilliseconds;
        config.SyncTimeout = options.TimeoutMilliseconds;
        config.AsyncTimeout = options.TimeoutMilliseconds;
        return await ConnectAsync(config, log).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens another connection to the Redis <paramref name="redis"/> is connected to (its endpoints, password and
    /// default database, and its timeouts, which its configuration string carries), with the same fail-fast settings: for
    /// a bulk step that spreads its commands over several connections.
    /// </summary>
    public static async Task<IConnectionMultiplexer> ConnectLikeAsync(IConnectionMultiplexer redis) =>
        await ConnectAsync(ConfigurationOptions.Parse(redis.Configuration), null).ConfigureAwait(false);

    private static async Task<IConnectionMultiplexer> ConnectAsync(ConfigurationOptions config, TextWriter? log)
    {
        config.AbortOnConnectFail = false;
        config.BacklogPolicy = BacklogPolicy.FailFast;
        config.ConnectRetry = 1;
        config.ReconnectRetryPolicy = new LinearRetry(250);
        return await ConnectionMultiplexer.ConnectAsync(config, log).ConfigureAwait(false);
    }
}
