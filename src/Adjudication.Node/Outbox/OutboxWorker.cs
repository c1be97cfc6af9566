using System.Runtime.InteropServices;
using System.Threading.Channels;
using Adjudication.Node.Hosting;
using Adjudication.Node.Telemetry;
using Adjudication.Storage.Outbox;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Adjudication.Node.Outbox;

/// <summary>
/// Applies outbox entries (DESIGN.md §6). A commit hands over the entry it wrote (<see cref="Committed(int, OutboxEntry)"/>), or wakes its
/// slot to be read (<see cref="WakePerson"/>); the worker gathers for a moment, hands each kind to its handler and
/// deletes what was applied. Applying is idempotent, so a crash between applying and deleting costs a repeat, never a
/// double count, and an entry lost from memory is still in its slot. At start, and every
/// <see cref="NodeOptions.OutboxSweepSeconds"/>, the worker walks every slot, so entries a crash left behind are found
/// without a wake-up. A slot that fails is read again after a pause (1 s doubling to 1 min).
/// </summary>
internal sealed class OutboxWorker : BackgroundService
{
    /// <summary>Entries read from one slot at a time.</summary>
    public const int EntriesPerRead = 256;

    // What one drain takes at most, and how long the drain loop gathers before it starts. Gathered, an institution-day's
    // rows are booked by one script and the store takes one write (one AOF fsync) a drain, not one a settlement
    // (DESIGN.md §10: Redis CPU per settle); a row is booked within a tenth of a second, well within "seconds".
    private const int SlotsAtOnce = 256;
    private const int EntriesAtOnce = 4096;
    private static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);

    private readonly OutboxStore _outbox;
    private readonly Dictionary<string, IOutboxHandler> _handlers;
    private readonly ILogger<OutboxWorker> _logger;
    private readonly TimeSpan _sweepEvery;
    private readonly Channel<Woken> _woken = Channel.CreateUnbounded<Woken>();

    // 1 while a slot waits in _woken to be read; 1 while it is drained; entries of it handed over and not yet drained;
    // the pause before its next try after a failure (ticks).
    private readonly int[] _queued = new int[OutboxStore.SlotCount];
    private readonly int[] _draining = new int[OutboxStore.SlotCount];
    private readonly int[] _handed = new int[OutboxStore.SlotCount];
    private readonly long[] _pause = new long[OutboxStore.SlotCount];

    // The backlog as the last sweep found it, less what was applied since; entries applied since the node started.
    private long _backlog;
    private long _applied;

    // Applied by the drain loop and not yet deleted (only the drain loop's drains touch it).
    private List<Woken> _unDeleted = [];

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

    /// <summary>Wakes the worker for the slot of a person whose script just wrote outbox entries: the slot is read.</summary>
    public void WakePerson(string insuplc, string psnNo) => Wake(_outbox.SlotOfPerson(insuplc, psnNo));

    /// <summary>Wakes the worker for <paramref name="slot"/>, whose outbox a handler's script just wrote (a clearing row's next hop).</summary>
    public void WakeSlot(int slot) => Wake(slot);

    /// <summary>
    /// Hands over <paramref name="entry"/>, which a script of the person's slot just committed: it is applied from memory,
    /// without reading the slot (the store keeps it until then, so a crash loses nothing).
    /// </summary>
    public void Committed(string insuplc, string psnNo, OutboxEntry entry) => Committed(_outbox.SlotOfPerson(insuplc, psnNo), entry);

    /// <summary>Hands over <paramref name="entry"/>, which a script of <paramref name="slot"/> just committed (a clearing row's next hop).</summary>
    public void Committed(int slot, OutboxEntry entry)
    {
        Interlocked.Increment(ref _handed[slot]);
        _woken.Writer.TryWrite(new Woken(slot, entry));
    }

    /// <summary>
    /// Applies now every entry of the slots woken or handed over and not yet drained, so a read that follows (a
    /// reconciliation) sees every settlement answered before it; the worker may apply them too, which changes nothing.
    /// </summary>
    public async Task FlushAsync()
    {
        var slots = new List<int>();
        for (var slot = 0; slot < OutboxStore.SlotCount; slot++)
        {
            if (Volatile.Read(ref _queued[slot]) == 1 || Volatile.Read(ref _draining[slot]) > 0 || Volatile.Read(ref _handed[slot]) > 0)
            {
                slots.Add(slot);
            }
        }

        foreach (var chunk in slots.Chunk(SlotsAtOnce))
        {
            await DrainAsync(chunk, [], fromLoop: false, CancellationToken.None).ConfigureAwait(false);
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
                await DrainAsync(chunk, [], fromLoop: false, CancellationToken.None).ConfigureAwait(false);
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
            _woken.Writer.TryWrite(new Woken(slot, null));
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

    // Gathers for a moment, then drains what was handed over and what was woken. What this loop applied is deleted
    // together with the next drain's writes (or alone when nothing follows), so the store takes one write a drain.
    private async Task DrainLoopAsync(CancellationToken stoppingToken)
    {
        var slots = new List<int>(SlotsAtOnce);
        var handed = new List<Woken>(EntriesAtOnce);
        while (await _woken.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            if (_woken.Reader.Count < EntriesAtOnce)
            {
                await Task.Delay(GatherDelay, stoppingToken).ConfigureAwait(false);
            }

            slots.Clear();
            handed.Clear();
            while (slots.Count < SlotsAtOnce && handed.Count < EntriesAtOnce && _woken.Reader.TryRead(out var woken))
            {
                if (woken.Entry is null)
                {
                    Volatile.Write(ref _queued[woken.Slot], 0);
                    slots.Add(woken.Slot);
                }
                else
                {
                    handed.Add(woken);
                }
            }

            await DrainAsync(slots, handed, fromLoop: true, stoppingToken).ConfigureAwait(false);
            if (_woken.Reader.Count == 0 && _unDeleted.Count > 0)
            {
                await DrainAsync([], [], fromLoop: true, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    // Reads the woken slots' entries, adds the entries handed over (of slots not read), hands each kind's entries of the
    // whole batch to its handler at once (the ledger then books an institution-day's rows in one script), then deletes
    // what was applied: at once, or, for the drain loop, with its next drain, whose writes follow the previous drain's
    // deletes in one flush. A drain runs once a settlement's entry at most, so it walks its lists without LINQ.
    private async Task DrainAsync(IReadOnlyList<int> slots, IReadOnlyList<Woken> handed, bool fromLoop, CancellationToken stoppingToken)
    {
        foreach (var slot in slots)
        {
            Interlocked.Increment(ref _draining[slot]);
        }

        var deleting = fromLoop ? _unDeleted : [];
        if (fromLoop)
        {
            _unDeleted = [];
        }

        try
        {
            var read = slots.Count == 0 ? [] : await Task.WhenAll(slots.Select(ReadAsync)).ConfigureAwait(false);
            var entries = new List<Woken>(handed.Count);
            for (var i = 0; i < slots.Count; i++)
            {
                foreach (var entry in read[i])
                {
                    entries.Add(new Woken(slots[i], entry));
                }
            }

            var fromSlots = entries.Count;
            foreach (var woken in handed)
            {
                // A slot read gave every entry it holds, the handed-over ones among them.
                if (slots.Count == 0 || !slots.Contains(woken.Slot))
                {
                    entries.Add(woken);
                }
            }

            Forget(deleting);
            var applied = await ApplyAsync(entries, stoppingToken).ConfigureAwait(false);
            var done = applied is null ? entries : entries.FindAll(w => applied.Contains(w.Entry!));
            if (fromLoop)
            {
                _unDeleted = done;
            }
            else
            {
                Forget(done);
            }

            Settle(slots, read, entries, fromSlots, applied);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever failed (the store, a hop, an entry that cannot be read), the entries stay and are tried again from
            // the store: the worker never stops, and a node never stops because of one entry. Said once for the batch.
            var failed = slots.Concat(handed.Select(w => w.Slot)).Concat(deleting.Select(w => w.Slot)).Distinct().ToList();
            var pause = TimeSpan.Zero;
            foreach (var slot in failed)
            {
                pause = RetryLater(slot);
            }

            if (ex is RedisConnectionException)
            {
                OutboxLog.ApplyWaiting(_logger, failed.Count, pause);
            }
            else
            {
                OutboxLog.ApplyFailed(_logger, failed.Count, pause, ex);
            }
        }
        finally
        {
            foreach (var slot in slots)
            {
                Interlocked.Decrement(ref _draining[slot]);
            }

            foreach (var woken in handed)
            {
                Interlocked.Decrement(ref _handed[woken.Slot]);
            }
        }
    }

    // A slot's entries; those that cannot be read are reported and left in the store, where the sweep finds them again.
    private async Task<IReadOnlyList<OutboxEntry>> ReadAsync(int slot)
    {
        var unreadable = new List<UnreadableOutboxEntry>(0);
        var entries = await _outbox.ReadAsync(slot, EntriesPerRead, unreadable).ConfigureAwait(false);
        foreach (var entry in unreadable)
        {
            OutboxLog.Unreadable(_logger, entry.Field, slot, entry.Problem, null);
        }

        return entries;
    }

    // One HDEL a slot, not waited for (OutboxStore.Forget: a lost delete leaves entries that are applied again).
    private void Forget(List<Woken> applied)
    {
        if (applied.Count == 0)
        {
            return;
        }

        var bySlot = new Dictionary<int, List<OutboxEntry>>();
        foreach (var woken in applied)
        {
            (CollectionsMarshal.GetValueRefOrAddDefault(bySlot, woken.Slot, out _) ??= []).Add(woken.Entry!);
        }

        foreach (var (slot, entries) in bySlot)
        {
            _outbox.Forget(slot, entries);
        }
    }

    // Each kind to its handler; entries of a kind without one stay (a newer node wrote them) and are reported. Returns
    // null when every entry was applied (the usual drain), else the entries that were.
    private async Task<HashSet<OutboxEntry>?> ApplyAsync(List<Woken> entries, CancellationToken stoppingToken)
    {
        var kinds = new Dictionary<string, List<OutboxEntry>>(StringComparer.Ordinal);
        foreach (var woken in entries)
        {
            (CollectionsMarshal.GetValueRefOrAddDefault(kinds, woken.Entry!.Kind, out _) ??= []).Add(woken.Entry!);
        }

        var applied = new List<IReadOnlyList<OutboxEntry>>(kinds.Count);
        var count = 0;
        foreach (var (kind, given) in kinds)
        {
            if (_handlers.TryGetValue(kind, out var handler))
            {
                var done = await ApplyKindAsync(handler, given, entries, stoppingToken).ConfigureAwait(false);
                applied.Add(done);
                count += done.Count;
            }
            else
            {
                OutboxLog.UnknownKind(_logger, given[0].Field, entries.Find(w => ReferenceEquals(w.Entry, given[0])).Slot);
            }
        }

        Interlocked.Add(ref _applied, count);
        Interlocked.Add(ref _backlog, -Math.Min(count, Volatile.Read(ref _backlog)));
        if (count == entries.Count)
        {
            return null;
        }

        var set = new HashSet<OutboxEntry>(ReferenceEqualityComparer.Instance);
        foreach (var done in applied)
        {
            set.UnionWith(done);
        }

        return set;
    }

    // A kind's entries to its handler. When the handler finds an entry's data unusable (a payload it cannot parse), the
    // entries go to it again in halves, down to the bad entry alone, so that entry stays (reported) and the others are
    // applied at the cost of a few more scripts, not one per entry.
    private async Task<IReadOnlyList<OutboxEntry>> ApplyKindAsync(IOutboxHandler handler, List<OutboxEntry> given, List<Woken> entries, CancellationToken stoppingToken)
    {
        try
        {
            return await handler.ApplyAsync(given, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnusableData(ex))
        {
            if (given.Count == 1)
            {
                OutboxLog.Unreadable(_logger, given[0].Field, entries.Find(w => ReferenceEquals(w.Entry, given[0])).Slot, ex.Message, ex);
                return [];
            }

            var half = given.Count / 2;
            var done = new List<OutboxEntry>(given.Count);
            done.AddRange(await ApplyKindAsync(handler, given[..half], entries, stoppingToken).ConfigureAwait(false));
            done.AddRange(await ApplyKindAsync(handler, given[half..], entries, stoppingToken).ConfigureAwait(false));
            return done;
        }
    }

    // What a parser throws on a payload it cannot read: the entry's fault, not the store's or a hop's.
    private static bool IsUnusableData(Exception ex) =>
        ex is InvalidDataException or FormatException or OverflowException or System.Text.Json.JsonException or ArgumentOutOfRangeException;

    // After a drain: a slot with entries left is tried again after a pause, a slot read full may have more, and a
    // handed-over entry that was not applied is read again from its slot after a pause. Entries from index
    // fromSlots on were handed over; applied null means every entry was.
    private void Settle(IReadOnlyList<int> slots, IReadOnlyList<OutboxEntry>[] read, List<Woken> entries, int fromSlots, HashSet<OutboxEntry>? applied)
    {
        for (var i = 0; i < slots.Count; i++)
        {
            var left = applied is null ? 0 : read[i].Count(e => !applied.Contains(e));
            if (left > 0)
            {
                OutboxLog.EntriesLeft(_logger, left, slots[i], RetryLater(slots[i]));
            }
            else if (read[i].Count >= EntriesPerRead)
            {
                Wake(slots[i]);
            }
            else
            {
                Volatile.Write(ref _pause[slots[i]], 0);
            }
        }

        for (var i = fromSlots; applied is not null && i < entries.Count; i++)
        {
            if (!applied.Contains(entries[i].Entry!))
            {
                OutboxLog.EntriesLeft(_logger, 1, entries[i].Slot, RetryLater(entries[i].Slot));
            }
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

    // A slot to read (Entry null) or an entry its commit handed over.
    private readonly record struct Woken(int Slot, OutboxEntry? Entry);
}
