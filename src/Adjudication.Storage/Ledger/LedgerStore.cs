using System.Collections.Concurrent;
using System.Globalization;
using Adjudication.Storage.Internal;
using Adjudication.Storage.Outbox;
using StackExchange.Redis;

namespace Adjudication.Storage.Ledger;

/// <summary>
/// The hospital ledger at the treatment city (DESIGN.md §11): per institution and China day, the rows (each settlement
/// and each reversal of one) and their totals per insutype, clearing type and refund flag. Each institution-day is one
/// slot, so a booking is one script; rows are booked by the outbox worker, exactly once however often it is repeated.
/// </summary>
public sealed class LedgerStore(IConnectionMultiplexer redis, RedisStoreOptions options)
{
    /// <summary>Most days one read of totals or rows may span.</summary>
    public const int MaxDays = 366;

    // The few totals groups there are, each name made once.
    private static readonly ConcurrentDictionary<(int Insutype, string ClrType, bool Refunded), string> Groups = new();

    private readonly IDatabase _db = redis.GetDatabase();
    private readonly string _prefix = options.KeyPrefix;

    /// <summary>Books <paramref name="rows"/> (any institutions and days); returns how many were not booked before.</summary>
    public Task<int> ApplyAsync(IReadOnlyList<LedgerRow> rows) => ApplyAsync(rows.Select(r => (r.Id, r, LedgerLine.Format(r))));

    /// <summary>
    /// Books the rows of outbox entries of <see cref="LedgerBooking.Kind"/>, keeping each entry's line as it came (the
    /// outbox worker's path: one parse a row, no second formatting); returns how many were not booked before.
    /// </summary>
    public Task<int> ApplyAsync(IReadOnlyList<OutboxEntry> entries) => ApplyAsync(entries.Select(e => (e.Id, LedgerBooking.Read(e), e.Payload)));

    private async Task<int> ApplyAsync(IEnumerable<(string Id, LedgerRow Row, string Line)> rows)
    {
        // One script an institution-day, with all of its rows.
        var days = new Dictionary<(string FixmedinsCode, DateOnly Day), BookingArguments>();
        foreach (var (id, row, line) in rows)
        {
            var day = (row.FixmedinsCode, row.Day);
            if (!days.TryGetValue(day, out var args))
            {
                days[day] = args = new BookingArguments(withOutbox: false);
            }

            args.Add(id, line, GroupOf(row), row);
        }

        var booked = new List<Task<RedisResult>>(days.Count);
        foreach (var ((code, day), args) in days)
        {
            booked.Add(_db.ScriptEvaluateAsync(Scripts.ApplyBookings, [Rows(code, day), Totals(code, day)], args.ToArray()));
        }

        var applied = 0;
        foreach (var reply in await Task.WhenAll(booked).ConfigureAwait(false))
        {
            var parts = (RedisResult[])reply!;
            ScriptReplies.ApplyBookings.Decode(parts);
            applied += (int)parts[1];
        }

        return applied;
    }

    /// <summary>The totals of <paramref name="fixmedinsCode"/> for every day from <paramref name="from"/> to <paramref name="to"/> inclusive, by day.</summary>
    public async Task<IReadOnlyList<LedgerTotal>> TotalsAsync(string fixmedinsCode, DateOnly from, DateOnly to)
    {
        var days = Days(from, to);
        var reads = days.Select(d => _db.HashGetAllAsync(Totals(fixmedinsCode, d))).ToArray();
        var totals = new List<LedgerTotal>();
        for (var i = 0; i < days.Count; i++)
        {
            var groups = new SortedDictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
            foreach (var entry in await reads[i].ConfigureAwait(false))
            {
                var field = entry.Name.ToString();
                var cut = field.LastIndexOf('|');
                var group = field[..cut];
                if (!groups.TryGetValue(group, out var measures))
                {
                    groups[group] = measures = new Dictionary<string, long>(StringComparer.Ordinal);
                }

                measures[field[(cut + 1)..]] = (long)entry.Value;
            }

            foreach (var (group, measures) in groups)
            {
                var parts = group.Split('|');
                totals.Add(new LedgerTotal(days[i], int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1], parts[2] == "1", BookingArguments.Sums(measures)));
            }
        }

        return totals;
    }

    /// <summary>Every row of <paramref name="fixmedinsCode"/> from <paramref name="from"/> to <paramref name="to"/> inclusive, by day, then by setl_id.</summary>
    public async Task<IReadOnlyList<LedgerRow>> RowsAsync(string fixmedinsCode, DateOnly from, DateOnly to)
    {
        var days = Days(from, to);
        var reads = days.Select(d => _db.HashValuesAsync(Rows(fixmedinsCode, d))).ToArray();
        var rows = new List<LedgerRow>();
        foreach (var read in reads)
        {
            var day = (await read.ConfigureAwait(false)).Select(v => LedgerLine.Parse(v.ToString())).ToList();
            day.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
            rows.AddRange(day);
        }

        return rows;
    }

    private static string GroupOf(LedgerRow row) =>
        Groups.GetOrAdd((row.Insutype, row.ClrType, row.Refunded), g => string.Create(CultureInfo.InvariantCulture, $"{g.Insutype}|{g.ClrType}|{(g.Refunded ? 1 : 0)}"));

    private static List<DateOnly> Days(DateOnly from, DateOnly to)
    {
        var span = to.DayNumber - from.DayNumber + 1;
        if (span is < 1 or > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"a ledger read spans 1 to {MaxDays} days; {from:yyyy-MM-dd} to {to:yyyy-MM-dd} is {span}");
        }

        return [.. Enumerable.Range(0, span).Select(from.AddDays)];
    }

    private RedisKey Rows(string code, DateOnly day) => $"{_prefix}:ledger:{{{code}:{day:yyyyMMdd}}}:rows";

    private RedisKey Totals(string code, DateOnly day) => $"{_prefix}:ledger:{{{code}:{day:yyyyMMdd}}}:totals";
}
