using Adjudication.Node.Network;
using Adjudication.Node.Outbox;
using Adjudication.Storage;
using StackExchange.Redis;

namespace Adjudication.Node.Policies;

/// <summary>
/// At a provincial node's start: owes every zone it holds to each of its cities through the outbox (DESIGN.md §5, §6),
/// so a city added to the topology since a zone was published, or one that lost its store, is sent the newest version
/// without another publication; a city that holds it keeps it unchanged. Done once before the node serves calls; a
/// store that is away then leaves it to a background loop (1 s doubling to 1 min). The outbox worker delivers, and
/// keeps trying a city that is down.
/// </summary>
internal sealed class ZoneCatchUp(ZoneStore zones, NetworkClient network, OutboxWorker outbox, ILogger<ZoneCatchUp> logger) : BackgroundService
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (network.Router is not { Self.Role: NodeRole.Provincial, Children.Count: > 0 } || await TryOweAsync().ConfigureAwait(false))
        {
            return;
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromSeconds(1);
        do
        {
            await Task.Delay(pause, stoppingToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
        while (!await TryOweAsync().ConfigureAwait(false));
    }

    // False when the store did not answer (its own warning says why).
    private async Task<bool> TryOweAsync()
    {
        var cities = network.Router!.Children;
        try
        {
            var owed = await zones.OweAllAsync([.. cities.Select(c => c.Admdvs)]).ConfigureAwait(false);
            if (owed > 0)
            {
                NetworkLog.ZonesOwedAtStart(logger, owed, cities.Count);
                outbox.WakeSlot(zones.OutboxSlot);
            }

            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // A RedisTimeoutException is a TimeoutException, not a RedisException.
            return false;
        }
    }
}
