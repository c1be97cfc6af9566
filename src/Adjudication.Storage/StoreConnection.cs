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
        config.AbortOnConnectFail = false;
        config.BacklogPolicy = BacklogPolicy.FailFast;
        config.ConnectTimeout = options.TimeoutMilliseconds;
        config.SyncTimeout = options.TimeoutMilliseconds;
        config.AsyncTimeout = options.TimeoutMilliseconds;
        config.ConnectRetry = 1;
        config.ReconnectRetryPolicy = new LinearRetry(250);
        return await ConnectionMultiplexer.ConnectAsync(config, log).ConfigureAwait(false);
    }
}
