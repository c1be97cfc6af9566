using System.Threading.Channels;
using Adjudication.Node.Hosting;
using Adjudication.Node.Telemetry;
using Adjudication.Storage.Outbox;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Adjudication.Node.Outbox;

/// <summary>
/// Applies outbox entries (DESIGN.md §6): a commit that wrote entries wakes its slot, and the worker reads the slot's
/// entries, hands each kind to its handler and deletes what was applied. Applying is idempotent, so a crash between
/// applying and deleting costs a repeat, never a double count. At start, and every <see cref="NodeOptions.OutboxSweepSeconds"/>,
/// the worker walks every slot, so entries a crash left behind are found without a wake-up. A slot that fails is
/// tried again after a pause (1 s doubling to 1 min).
/// </summary>
internal sealed class OutboxWorker : BackgroundService
{
    /// <summary>Entries read from one slot at a time.</summary>
    public const int EntriesPerRead = 256;

    // Slots drained at once.
    private const int SlotsAtOnce = 32;
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);

    private readonly OutboxStore _outbox;
    private readonly Dictionary<string, IOutboxHandler> _handlers;
    private readonly ILogger<OutboxWorker> _logger;
    private readonly TimeSpan _sweepEvery;
    private readonly Channel<int> _woken = Channel.CreateUnbounded<int>();

    // 1 while a slot waits in _woken; 1 while it is drained; the pause before its next try after a failure (ticks).
    private readonly int[] _queued = new int[OutboxStore.SlotCount];
    private readonly int[] _draining = new int[OutboxStore.SlotCount];
    private readonly long[] _pause = new long[OutboxStore.SlotCount];

    // The backlog as the last sweep found it, less what was applied since; entries applied since the node started.
    private long _backlog;
    private long _applied;

    public OutboxWorker(OutboxStore outbox, IEnumerable<IOutboxHandler> handlers, NodeMetrics metrics, IOptions<NodeOptions> options, ILogger<OutboxWorker> logger)
    {
        _outbox = outbox;
        _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
        _logger = logger;
        _sweepEvery = TimeSpan.FromSeconds(options.Value.OutboxSweepSeconds);
        metrics.ObserveOutbox(() => Volatile.Read(ref _backlog));
    }

    /// <summary>Entries applied since the node started.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Wakes the worker for the slot of a person whose script just wrote outbox entries.</summary>
    public void WakePerson(string insuplc, string psnNo) => Wake(_outbox.SlotOfPerson(insuplc, psnNo));

    /// <summary>
    /// Applies now every entry of the slots woken and not yet drained, so a read that follows (a reconciliation) sees
    /// every settlement answered before it; the worker may apply them too, which changes nothing.
    /// </summary>
    public async Task FlushAsync()
    {
        var slots = new List<int>();
        for (var slot = 0; slot < OutboxStore.SlotCount; slot++)
        {
            if (Volatile.Read(ref _queued[slot]) == 1 || Volatile.Read(ref _draining[slot]) == 1)
            {
                slots.Add(slot);
            }
        }

        await Task.WhenAll(slots.Select(s => DrainAsync(s, CancellationToken.None))).ConfigureAwait(false);
    }

    /// <summary>Walks every slot: the exact backlog, and each slot holding entries is woken.</summary>
    public async Task<(long Entries, int Slots)> SweepAsync()
    {
        var pending = await _outbox.PendingAsync().ConfigureAwait(false);
        long entries = 0;
        foreach (var (slot, count) in pending)
        {
            entries += count;
            Wake(slot);
        }

        Volatile.Write(ref _backlog, entries);
        return (entries, pending.Count);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(SweepLoopAsync(stoppingToken), DrainLoopAsync(stoppingToken));

    private void Wake(int slot)
    {
        if (Interlocked.Exchange(ref _queued[slot], 1) == 0)
        {
            _woken.Writer.TryWrite(slot);
        }
    }

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (entries, slots) = await SweepAsync().ConfigureAwait(false);
                if (entries > 0)
                {
                    OutboxLog.Swept(_logger, entries, slots);
                }
            }
            catch (RedisConnectionException ex)
            {
                // The store is down: the node reports that itself (event 1005, health NOT_SERVING); the sweep only waits.
                OutboxLog.SweepWaiting(_logger, ex.FailureType, _sweepEvery);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                OutboxLog.SweepFailed(_logger, _sweepEvery, ex);
            }

            await Task.Delay(_sweepEvery, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task DrainLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<int>(SlotsAtOnce);
        while (await _woken.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < SlotsAtOnce && _woken.Reader.TryRead(out var slot))
            {
                Volatile.Write(ref _queued[slot], 0);
                batch.Add(slot);
            }

            await Task.WhenAll(batch.Select(s => DrainAsync(s, stoppingToken))).ConfigureAwait(false);
        }
    }

    private async Task DrainAsync(int slot, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref _draining[slot]);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var entries = await _outbox.ReadAsync(slot, EntriesPerRead).ConfigureAwait(false);
                var applied = await ApplyAsync(slot, entries, stoppingToken).ConfigureAwait(false);
                if (applied.Count > 0)
                {
                    await _outbox.RemoveAsync(slot, applied).ConfigureAwait(false);
                    Interlocked.Add(ref _applied, applied.Count);
                    Interlocked.Add(ref _backlog, -Math.Min(applied.Count, Volatile.Read(ref _backlog)));
                }

                if (applied.Count < entries.Count)
                {
                    RetryLater(slot, null, entries.Count - applied.Count, entries[0].Kind);
                    return;
                }

                if (entries.Count < EntriesPerRead)
                {
                    Volatile.Write(ref _pause[slot], 0);
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or Domain.Errors.AdjudicationException)
        {
            RetryLater(slot, ex, 0, string.Empty);
        }
        finally
        {
            Interlocked.Decrement(ref _draining[slot]);
        }
    }

    // Each kind to its handler; entries of a kind without one stay (a newer node wrote them) and are reported.
    private async Task<List<OutboxEntry>> ApplyAsync(int slot, IReadOnlyList<OutboxEntry> entries, CancellationToken stoppingToken)
    {
        var applied = new List<OutboxEntry>(entries.Count);
        foreach (var kind in entries.GroupBy(e => e.Kind, StringComparer.Ordinal))
        {
            if (!_handlers.TryGetValue(kind.Key, out var handler))
            {
                OutboxLog.UnknownKind(_logger, kind.First().Field, slot);
                continue;
            }

            applied.AddRange(await handler.ApplyAsync([.. kind], stoppingToken).ConfigureAwait(false));
        }

        return applied;
    }

    private void RetryLater(int slot, Exception? failure, int left, string kind)
    {
        var pause = TimeSpan.FromTicks(Math.Clamp(Volatile.Read(ref _pause[slot]) * 2, FirstPause.Ticks, LongestPause.Ticks));
        Volatile.Write(ref _pause[slot], pause.Ticks);
        if (failure is not null)
        {
            OutboxLog.ApplyFailed(_logger, slot, pause, failure);
        }
        else
        {
            OutboxLog.EntriesLeft(_logger, left, kind, slot, pause);
        }

        _ = Task.Delay(pause).ContinueWith(_ => Wake(slot), TaskScheduler.Default);
    }
}
