using StackExchange.Redis;

namespace Adjudication.Storage.Internal;

/// <summary>
/// Subscribes to the invalidation channel without ever blocking or failing start-up: a node may start while Redis is
/// down (DESIGN.md §7, never a hang), so a failed subscription is retried when the connection is restored.
/// </summary>
internal static class Invalidations
{
    public static void Subscribe(IConnectionMultiplexer redis, RedisChannel channel, Action<RedisValue> onMessage)
    {
        var subscribed = 0;
        async Task TryAsync()
        {
            if (Volatile.Read(ref subscribed) == 1)
            {
                return;
            }

            try
            {
                await redis.GetSubscriber().SubscribeAsync(channel, (_, message) => onMessage(message)).ConfigureAwait(false);
                Volatile.Write(ref subscribed, 1);
            }
            catch (RedisException)
            {
                // Not connected yet; ConnectionRestored tries again.
            }
            catch (TimeoutException)
            {
                // Same: the next restored connection tries again.
            }
        }

        redis.ConnectionRestored += (_, _) => _ = TryAsync();
        _ = TryAsync();
    }
}
