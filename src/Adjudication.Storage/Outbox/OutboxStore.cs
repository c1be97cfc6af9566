using Adjudication.Storage.Internal;
using StackExchange.Redis;

namespace Adjudication.Storage.Outbox;

/// <summary>
/// The outbox (DESIGN.md §6): one hash per key slot, named by a tag of that slot, so a script writes its effects in the
/// slot of the keys it commits and they survive with them. The worker finds pending entries by walking the slots, reads
/// a slot's entries, applies them idempotently and only then deletes them: a crash in between applies them again,
/// which changes nothing.
/// </summary>
public sealed class OutboxStore(IConnectionMultiplexer redis, RedisStoreOptions options)
{
    /// <summary>Slots, each with one outbox.</summary>
    public const int SlotCount = HashSlots.Count;

    // Commands in flight at once while walking the slots.
    private const int WalkBatch = 1024;

    private readonly IDatabase _db = redis.GetDatabase();
    private readonly RedisKeys _keys = new(options.KeyPrefix);

    /// <summary>The slot of a person's keys, whose outbox their scripts write.</summary>
    public int SlotOfPerson(string insuplc, string psnNo) => HashSlots.Of(_keys.Of(insuplc, psnNo).Prefix);

    /// <summary>Every slot whose outbox holds entries, with how many (the backlog is their sum): one walk over the slots.</summary>
    public async Task<IReadOnlyList<(int Slot, long Entries)>> PendingAsync()
    {
        var pending = new List<(int, long)>();
        for (var start = 0; start < SlotCount; start += WalkBatch)
        {
            var lengths = new Task<long>[WalkBatch];
            for (var i = 0; i < WalkBatch; i++)
            {
                lengths[i] = _db.HashLengthAsync(_keys.OutboxAt(start + i));
            }

            var found = await Task.WhenAll(lengths).ConfigureAwait(false);
            for (var i = 0; i < WalkBatch; i++)
            {
                if (found[i] > 0)
                {
                    pending.Add((start + i, found[i]));
                }
            }
        }

        return pending;
    }

    /// <summary>
    /// Entries of <paramref name="slot"/>'s outbox: all of them, or at least <paramref name="max"/> when there are more
    /// (a caller that got <paramref name="max"/> or more reads again after deleting them). A stored payload
    /// "@<i>field</i> <i>key</i>" is a reference: the payload is that field of that hash, in the same slot (settle.lua
    /// keeps a settlement's row with its record and points at it, so the row is stored once). An entry that cannot be
    /// read (its field names no kind, or its reference is malformed or points at nothing) is not returned: it goes to
    /// <paramref name="unreadable"/> with what is wrong, and stays in the store, so one bad entry holds back no other
    /// (nor do many: they do not count towards <paramref name="max"/>). Without <paramref name="unreadable"/>, it is an
    /// <see cref="InvalidDataException"/> naming the entry.
    /// </summary>
    public async Task<IReadOnlyList<OutboxEntry>> ReadAsync(int slot, int max, ICollection<UnreadableOutboxEntry>? unreadable = null)
    {
        // Pages of HSCAN, not the client's cursor enumerator: a drain reads each woken slot, usually one page holding
        // one entry, and the enumerator costs kilobytes a slot (DESIGN.md §10: bytes per settle).
        var entries = new List<OutboxEntry>();
        var stored = new List<(string Field, string Payload)>();
        RedisValue cursor = 0;
        do
        {
            var reply = (RedisResult[])(await _db.ExecuteAsync("HSCAN", _keys.OutboxAt(slot), cursor, "COUNT", max).ConfigureAwait(false))!;
            cursor = (RedisValue)reply[0];
            var pairs = (RedisResult[])reply[1]!;
            stored.Clear();
            for (var i = 0; i + 1 < pairs.Length; i += 2)
            {
                stored.Add((pairs[i].ToString(), pairs[i + 1].ToString()));
            }

            await ResolveAsync(stored, entries, unreadable).ConfigureAwait(false);
        }
        while (cursor != 0 && entries.Count < max);

        return entries;
    }

    // The entries of one page, references read together; an entry that cannot be read to unreadable, or thrown.
    private async Task ResolveAsync(List<(string Field, string Payload)> stored, List<OutboxEntry> entries, ICollection<UnreadableOutboxEntry>? unreadable)
    {
        var referred = new Task<RedisValue>?[stored.Count];
        for (var i = 0; i < stored.Count; i++)
        {
            if (Reference(stored[i].Payload) is var (field, key))
            {
                referred[i] = _db.HashGetAsync(key, field);
            }
        }

        for (var i = 0; i < stored.Count; i++)
        {
            var (field, payload) = stored[i];
            string? problem = null;
            if (referred[i] is { } read)
            {
                var value = await read.ConfigureAwait(false);
                problem = value.HasValue ? null : $"outbox entry '{field}' refers to '{payload}', which holds nothing: the record was removed by hand or the store lost it";
                payload = value.ToString();
            }
            else if (payload.StartsWith('@'))
            {
                problem = $"outbox entry '{field}' holds '{payload}', which is not a reference '@field key'";
            }

            try
            {
                if (problem is null)
                {
                    entries.Add(OutboxEntry.Parse(field, payload));
                    continue;
                }
            }
            catch (InvalidDataException ex)
            {
                problem = ex.Message;
            }

            (unreadable ?? throw new InvalidDataException(problem)).Add(new UnreadableOutboxEntry(field, problem));
        }
    }

    // "@field key": the hash key and its field; null for a payload that is not a well-formed reference.
    private static (string Field, string Key)? Reference(string payload)
    {
        var cut = payload.StartsWith('@') ? payload.IndexOf(' ', StringComparison.Ordinal) : -1;
        return cut > 1 ? (payload[1..cut], payload[(cut + 1)..]) : null;
    }

    /// <summary>Deletes applied entries from <paramref name="slot"/>'s outbox.</summary>
    public Task RemoveAsync(int slot, IEnumerable<OutboxEntry> entries) =>
        _db.HashDeleteAsync(_keys.OutboxAt(slot), [.. entries.Select(e => (RedisValue)e.Field)]);

    /// <summary>
    /// Deletes applied entries from <paramref name="slot"/>'s outbox without waiting for the reply: the worker's delete,
    /// one a settlement, so it costs no task and no reply handling on the node (DESIGN.md §10: CPU per settle). A delete
    /// that is lost leaves its entries, which are applied again, and that changes nothing. Commands on one connection
    /// run in order, so a read sent after this one sees the entries gone.
    /// </summary>
    public void Forget(int slot, IReadOnlyList<OutboxEntry> entries)
    {
        var fields = new RedisValue[entries.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = entries[i].Field;
        }

        _db.HashDelete(_keys.OutboxAt(slot), fields, CommandFlags.FireAndForget);
    }
}
