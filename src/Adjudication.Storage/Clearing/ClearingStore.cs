using System.Globalization;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Internal;
using Adjudication.Storage.Outbox;
using StackExchange.Redis;

namespace Adjudication.Storage.Clearing;

/// <summary>
/// Clearing aggregates (DESIGN.md §11): per month and pair of regions, the rows (each settlement and each reversal of
/// one, booked once by row id) and their totals, settlements and reversals apart. All keys of one aggregate share the
/// hash tag <c>{yyyyMM:treatment:insured}</c>, so a booking, a declaration and its steps are each one script on one
/// slot, and the outbox entry that carries a row on is written in that slot's outbox by the same script. The insured
/// city keeps its own records apart, under <c>{yyyyMM:insured:treatment}</c>.
/// </summary>
public sealed class ClearingStore(IConnectionMultiplexer redis, RedisStoreOptions options)
{
    private readonly IDatabase _db = redis.GetDatabase();
    private readonly string _prefix = options.KeyPrefix;
    private readonly RedisKeys _keys = new(options.KeyPrefix);

    /// <summary>
    /// Books each row into its pair's aggregate, leaving its <see cref="ClearingBooking.Then"/> entry in that slot's
    /// outbox when the row is new there. Returns how many rows were new; the entries written, each with its slot, where
    /// every row of its aggregate was new (so each of them is in the store); and the slots whose outbox took entries of
    /// an aggregate where some rows were held already (which of its entries were written is read from the store).
    /// </summary>
    public async Task<(int Applied, IReadOnlyList<(int Slot, OutboxEntry Entry)> Written, IReadOnlyList<int> SlotsToRead)> BookAsync(IReadOnlyList<ClearingBooking> bookings)
    {
        var calls = new List<(int Slot, List<OutboxEntry> Then, int Rows, Task<RedisResult> Reply)>();
        foreach (var pair in bookings.GroupBy(b => b.Pair))
        {
            var rows = Aggregate(pair.Key, "rows");
            var slot = HashSlots.Of(rows);
            var then = pair.Where(b => b.Then is not null).Select(b => b.Then!).ToList();
            var feeds = then.Count > 0;
            var args = new BookingArguments(withOutbox: feeds);
            foreach (var booking in pair)
            {
                // A next-hop entry made from this row carries the row's line already: it is not formatted twice.
                var line = booking.Then is { } next && ReferenceEquals(next.Source, booking.Row) ? next.Payload : booking.Row.Line;
                args.Add(booking.Row.Id, line, booking.Row.Row.Refunded ? "1" : "0", booking.Row.Row, booking.Then);
            }

            RedisKey[] keys = feeds ? [rows, Aggregate(pair.Key, "totals"), _keys.OutboxAt(slot)] : [rows, Aggregate(pair.Key, "totals")];
            calls.Add((slot, then, pair.Count(), _db.ScriptEvaluateAsync(Scripts.ApplyBookings, keys, args.ToArray())));
        }

        var applied = 0;
        var written = new List<(int, OutboxEntry)>();
        var slotsToRead = new List<int>();
        foreach (var (slot, then, count, reply) in calls)
        {
            var parts = (RedisResult[])(await reply.ConfigureAwait(false))!;
            ScriptReplies.ApplyBookings.Decode(parts);
            var n = (int)parts[1];
            applied += n;
            if (n == count)
            {
                written.AddRange(then.Select(e => (slot, e)));
            }
            else if (n > 0 && then.Count > 0)
            {
                slotsToRead.Add(slot);
            }
        }

        return (applied, written, slotsToRead);
    }

    /// <summary>At the insured city: books its own records of rows of persons insured here, per month and treatment city.</summary>
    public Task<int> BookInsuredAsync(IReadOnlyList<ClearingRow> rows) =>
        BookPlainAsync(rows.Select(r => (Insured(new ClearingPair(r.Month, r.MdtrtareaAdmvs, Domain.Divisions.Admdvs.CityOf(r.Row.InsuplcAdmdvs)), "rows"), r)));

    /// <summary>The totals of <paramref name="pair"/>'s aggregate, or of the insured city's own records of it.</summary>
    public async Task<ClearingTotals> TotalsAsync(ClearingPair pair, bool insuredSide = false)
    {
        var entries = await _db.HashGetAllAsync(insuredSide ? Insured(pair, "totals") : Aggregate(pair, "totals")).ConfigureAwait(false);
        return Totals(entries.Select(e => (e.Name.ToString(), (long)e.Value)));
    }

    /// <summary>The rows of <paramref name="pair"/>'s aggregate, or of the insured city's own records of it, by row id.</summary>
    public async Task<IReadOnlyList<ClearingRow>> RowsAsync(ClearingPair pair, bool insuredSide = false)
    {
        var values = await _db.HashValuesAsync(insuredSide ? Insured(pair, "rows") : Aggregate(pair, "rows")).ConfigureAwait(false);
        var rows = values.Select(v => ClearingRow.Parse(v.ToString())).ToList();
        rows.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return rows;
    }

    /// <summary>Test faults and repairs only: removes one row from the insured city's records, totals untouched (a lost record).</summary>
    public Task<bool> ForgetInsuredRowAsync(ClearingPair pair, string rowId) => _db.HashDeleteAsync(Insured(pair, "rows"), rowId);

    /// <summary>The declaration of <paramref name="pair"/> (status empty when it was not declared).</summary>
    public async Task<ClearingDeclaration> DeclarationAsync(ClearingPair pair)
    {
        var entries = await _db.HashGetAllAsync(Aggregate(pair, "declaration")).ConfigureAwait(false);
        var steps = new Dictionary<string, string>(StringComparer.Ordinal);
        var totals = new List<(string, long)>();
        foreach (var entry in entries)
        {
            var name = entry.Name.ToString();
            if (name.StartsWith("t:", StringComparison.Ordinal))
            {
                totals.Add((name[2..], (long)entry.Value));
            }
            else
            {
                steps[name] = entry.Value.ToString();
            }
        }

        return new ClearingDeclaration(pair, steps.GetValueOrDefault("status") ?? string.Empty, Totals(totals), steps);
    }

    /// <summary>
    /// Takes one step of <paramref name="pair"/>'s declaration: "declare", "confirm" or "pay", by <paramref name="msgid"/>
    /// of <paramref name="digest"/>; returns the script's outcome and the status it answered.
    /// </summary>
    public async Task<(ClearingStatusResult Result, string Status)> StepAsync(ClearingPair pair, string op, string msgid, byte[] digest, string time, string by)
    {
        var reply = (RedisResult[])(await _db.ScriptEvaluateAsync(
            Scripts.ClearingStatus,
            [Aggregate(pair, "totals"), Aggregate(pair, "declaration"), Aggregate(pair, "msgids")],
            [op, msgid, digest, time, by]).ConfigureAwait(false))!;
        var result = ScriptReplies.ClearingStatus.Decode(reply);
        return (result, reply.Length > 1 ? reply[1].ToString() : string.Empty);
    }

    private async Task<int> BookPlainAsync(IEnumerable<(string Rows, ClearingRow Row)> rows)
    {
        var calls = new List<Task<RedisResult>>();
        foreach (var aggregate in rows.GroupBy(r => r.Rows))
        {
            var args = new BookingArguments(withOutbox: false);
            foreach (var (_, row) in aggregate)
            {
                args.Add(row.Id, row.Line, row.Row.Refunded ? "1" : "0", row.Row);
            }

            var totals = string.Concat(aggregate.Key.AsSpan(0, aggregate.Key.Length - "rows".Length), "totals");
            calls.Add(_db.ScriptEvaluateAsync(Scripts.ApplyBookings, [aggregate.Key, totals], args.ToArray()));
        }

        var applied = 0;
        foreach (var reply in await Task.WhenAll(calls).ConfigureAwait(false))
        {
            var parts = (RedisResult[])reply!;
            ScriptReplies.ApplyBookings.Decode(parts);
            applied += (int)parts[1];
        }

        return applied;
    }

    // The totals hash's "refd|measure" fields as settled and reversed sums.
    private static ClearingTotals Totals(IEnumerable<(string Field, long Value)> fields)
    {
        var settled = new Dictionary<string, long>(StringComparer.Ordinal);
        var reversed = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (field, value) in fields)
        {
            var cut = field.IndexOf('|', StringComparison.Ordinal);
            (field[..cut] == "1" ? reversed : settled)[field[(cut + 1)..]] = value;
        }

        return new ClearingTotals(BookingArguments.Sums(settled), BookingArguments.Sums(reversed));
    }

    private string Aggregate(ClearingPair pair, string part) =>
        string.Create(CultureInfo.InvariantCulture, $"{_prefix}:clearing:{{{pair.Month}:{pair.Treatment}:{pair.Insured}}}:{part}");

    private string Insured(ClearingPair pair, string part) =>
        string.Create(CultureInfo.InvariantCulture, $"{_prefix}:insured-clearing:{{{pair.Month}:{pair.Insured}:{pair.Treatment}}}:{part}");
}
