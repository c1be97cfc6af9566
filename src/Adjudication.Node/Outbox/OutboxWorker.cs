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

    // Slots drained at once, and how long a drain waits for more to be woken before it starts: gathered, the reads
    // and deletes of many settlements' slots travel together and an institution-day's rows are booked by one script
    // (DESIGN.md §10: Redis CPU per settle); a row is booked a few milliseconds later, well within "seconds".
    private const int SlotsAtOnce = 256;
    private static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(10);
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

    /// <summary>Wakes the worker for <paramref name="slot"/>, whose outbox a handler's script just wrote (a clearing row's next hop).</summary>
    public void WakeSlot(int slot) => Wake(slot);

    /// <summary>
    /// Applies now every entry of the slots woken and not yet drained, so a read that follows (a reconciliation) sees
    /// every settlement answered before it; the worker may apply them too, which changes nothing.
    /// </summary>
    public async Task FlushAsync()
    {
        var slots = new List<int>();
        for (var slot = 0; slot < OutboxStore.SlotCount; slot++)
        {
            if (Volatile.Read(ref _queued[slot]) == 1 || Volatile.Read(ref _draining[slot]) > 0)
            {
                slots.Add(slot);
            }
        }

        foreach (var chunk in slots.Chunk(SlotsAtOnce))
        {
            await DrainAsync(chunk, CancellationToken.None).ConfigureAwait(false);
        }
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

    /// <summary>Applies every entry of every slot now (what cannot be applied stays), then walks the slots again to count what is left.</summary>
    public async Task<(long Entries, int Slots)> ApplyAllAsync()
    {
        while (true)
        {
            var pending = await _outbox.PendingAsync().ConfigureAwait(false);
            var before = Applied;
            foreach (var chunk in pending.Select(p => p.Slot).Chunk(SlotsAtOnce))
            {
                await DrainAsync(chunk, CancellationToken.None).ConfigureAwait(false);
            }

            // Done when nothing is left, or when what is left cannot be applied now (a push whose route is down).
            if (pending.Count == 0 || Applied == before)
            {
                return await SweepAsync().ConfigureAwait(false);
            }
        }
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

    // A sweep that fails (the store away, at start too) is tried again after a pause of 1 s doubling up to the sweep
    // interval, so entries a crash left are applied soon after the store is back, not a whole interval later.
    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (entries, slots) = await SweepAsync().ConfigureAwait(false);
                if (entries > 0)
                {
                    OutboxLog.Swept(_logger, entries, slots);
                }

                pause = _sweepEvery;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                pause = pause >= _sweepEvery || pause <= TimeSpan.Zero ? FirstPause : TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, _sweepEvery.Ticks));
                if (ex is RedisConnectionException)
                {
                    // The store's own warning says it is unreachable and why; a stack trace per sweep would only repeat it.
                    OutboxLog.SweepWaiting(_logger, pause);
                }
                else
                {
                    OutboxLog.SweepFailed(_logger, pause, ex);
                }
            }

            await Task.Delay(pause, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task DrainLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<int>(SlotsAtOnce);
        while (await _woken.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            if (_woken.Reader.Count < SlotsAtOnce)
            {
                await Task.Delay(GatherDelay, stoppingToken).ConfigureAwait(false);
            }

            batch.Clear();
            while (batch.Count < SlotsAtOnce && _woken.Reader.TryRead(out var slot))
            {
                Volatile.Write(ref _queued[slot], 0);
                batch.Add(slot);
            }

            await DrainAsync([.. batch], stoppingToken).ConfigureAwait(false);
        }
    }

    // Reads the slots' entries together and hands each kind's entries of the whole batch to its handler at once (the
    // ledger then books an institution-day's rows in one script), then deletes what was applied.
    private async Task DrainAsync(int[] slots, CancellationToken stoppingToken)
    {
        foreach (var slot in slots)
        {
            Interlocked.Increment(ref _draining[slot]);
        }

        try
        {
            var read = await Task.WhenAll(slots.Select(s => _outbox.ReadAsync(s, EntriesPerRead))).ConfigureAwait(false);
            var applied = await ApplyAsync(slots, read, stoppingToken).ConfigureAwait(false);
            var removals = new List<Task>(slots.Length);
            for (var i = 0; i < slots.Length; i++)
            {
                var done = read[i].Where(applied.Contains).ToArray();
                if (done.Length > 0)
                {
                    removals.Add(_outbox.RemoveAsync(slots[i], done));
                }

                Settle(slots[i], read[i], done.Length);
            }

            await Task.WhenAll(removals).ConfigureAwait(false);
            Interlocked.Add(ref _applied, applied.Count);
            Interlocked.Add(ref _backlog, -Math.Min(applied.Count, Volatile.Read(ref _backlog)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever failed (the store, a hop, an entry that cannot be read), the entries stay and are tried again:
            // the worker never stops, and a node never stops because of one entry. Said once for the batch.
            var pause = TimeSpan.Zero;
            foreach (var slot in slots)
            {
                pause = RetryLater(slot);
            }

            if (ex is RedisConnectionException)
            {
                OutboxLog.ApplyWaiting(_logger, slots.Length, pause);
            }
            else
            {
                OutboxLog.ApplyFailed(_logger, slots.Length, pause, ex);
            }
        }
        finally
        {
            foreach (var slot in slots)
            {
                Interlocked.Decrement(ref _draining[slot]);
            }
        }
    }

    // Each kind to its handler; entries of a kind without one stay (a newer node wrote them) and are reported.
    private async Task<HashSet<OutboxEntry>> ApplyAsync(int[] slots, IReadOnlyList<OutboxEntry>[] read, CancellationToken stoppingToken)
    {
        var applied = new HashSet<OutboxEntry>(ReferenceEqualityComparer.Instance);
        foreach (var kind in read.SelectMany(entries => entries).GroupBy(e => e.Kind, StringComparer.Ordinal))
        {
            if (_handlers.TryGetValue(kind.Key, out var handler))
            {
                applied.UnionWith(await handler.ApplyAsync([.. kind], stoppingToken).ConfigureAwait(false));
            }
            else
            {
                var slot = slots[Array.FindIndex(read, entries => entries.Contains(kind.First()))];
                OutboxLog.UnknownKind(_logger, kind.First().Field, slot);
            }
        }

        return applied;
    }

    // After a slot's entries were handled: what was left is tried again after a pause; a full read may have more.
    private void Settle(int slot, IReadOnlyList<OutboxEntry> read, int applied)
    {
        if (applied < read.Count)
        {
            OutboxLog.EntriesLeft(_logger, read.Count - applied, slot, RetryLater(slot));
        }
        else if (read.Count >= EntriesPerRead)
        {
            Wake(slot);
        }
        else
        {
            Volatile.Write(ref _pause[slot], 0);
        }
    }

    // Wakes the slot again after its pause (1 s, doubling to 1 min while it keeps failing); returns the pause.
    private TimeSpan RetryLater(int slot)
    {
        var pause = TimeSpan.FromTicks(Math.Clamp(Volatile.Read(ref _pause[slot]) * 2, FirstPause.Ticks, LongestPause.Ticks));
        Volatile.Write(ref _pause[slot], pause.Ticks);
        _ = Task.Delay(pause).ContinueWith(_ => Wake(slot), TaskScheduler.Default);
        return pause;
    }
}
