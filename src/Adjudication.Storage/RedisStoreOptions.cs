namespace Adjudication.Storage;

/// <summary>How a node reaches its Redis store.</summary>
public sealed class RedisStoreOptions
{
    /// <summary>A StackExchange.Redis configuration string, e.g. "127.0.0.1:6379".</summary>
    public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>Prefix of every key; lets several nodes or test runs share one server.</summary>
    public string KeyPrefix { get; set; } = "adj";

    /// <summary>
    /// Milliseconds a store call may take before it fails with UNAVAILABLE. Kept short: a terminal waiting at the
    /// counter is better told to retry than left hanging.
    /// </summary>
    public int TimeoutMilliseconds { get; set; } = 2000;
}
