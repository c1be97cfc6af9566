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

    private const string CountMeasure = "cnt";
    private const string MedfeeMeasure = "medfee_sumamt";
    private const string FundPayMeasure = "fund_pay_sumamt";
    private const string AcctMeasure = "acct_pay";
    private const string CashMeasure = "psn_cash_pay";
    private const string FundMeasure = "fund:";

    // The few fund types and totals groups there are, each name made once.
    private static readonly ConcurrentDictionary<int, string> FundMeasures = new();
    private static readonly ConcurrentDictionary<(int Insutype, string ClrType, bool Refunded), string> Groups = new();

    private readonly IDatabase _db = redis.GetDatabase();
    private readonly string _prefix = options.KeyPrefix;

    /// <summary>Books <paramref name="rows"/> (any institutions and days); returns how many were not booked before.</summary>
    public Task<int> ApplyAsync(IReadOnlyList<LedgerRow> rows) => ApplyAsync(rows.Select(r => (r, LedgerLine.Format(r))));

    /// <summary>
    /// Books the rows of outbox entries of <see cref="LedgerBooking.Kind"/>, keeping each entry's line as it came (the
    /// outbox worker's path: one parse a row, no second formatting); returns how many were not booked before.
    /// </summary>
    public Task<int> ApplyAsync(IReadOnlyList<OutboxEntry> entries) => ApplyAsync(entries.Select(e => (LedgerBooking.Read(e), e.Payload)));

    private async Task<int> ApplyAsync(IEnumerable<(LedgerRow Row, string Line)> rows)
    {
        var booked = new List<Task<RedisResult>>();
        foreach (var day in rows.GroupBy(r => (r.Row.FixmedinsCode, r.Row.Day)))
        {
            var count = 1;
            foreach (var (row, _) in day)
            {
                count += ArgumentsOf(row);
            }

            var args = new ScriptArguments(count).Add(day.Count());
            foreach (var (row, line) in day)
            {
                AddRow(args, row, line, GroupOf(row));
            }

            booked.Add(_db.ScriptEvaluateAsync(Scripts.ApplyBookings, [Rows(day.Key.FixmedinsCode, day.Key.Day), Totals(day.Key.FixmedinsCode, day.Key.Day)], args.ToArray()));
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
                totals.Add(new LedgerTotal(days[i], int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1], parts[2] == "1", Sums(measures)));
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

    /// <summary>How many arguments <see cref="AddRow"/> adds for <paramref name="row"/>.</summary>
    internal static int ArgumentsOf(LedgerRow row) => 4 + (2 * (5 + row.Funds.Count));

    /// <summary>One row's arguments of <c>apply_bookings.lua</c>: id, line, group and its measures (count, amounts, each fund type).</summary>
    internal static void AddRow(ScriptArguments args, LedgerRow row, string line, string group)
    {
        // Into one array sized for the whole call: a list grown row by row copied itself, then once more (DESIGN.md §10).
        args.Add(row.Id).Add(line).Add(group).Add(5 + row.Funds.Count)
            .Add(CountMeasure).Add(1)
            .Add(MedfeeMeasure).Add(row.MedfeeSumamt)
            .Add(FundPayMeasure).Add(row.FundPaySumamt)
            .Add(AcctMeasure).Add(row.AcctPay)
            .Add(CashMeasure).Add(row.PsnCashPay);
        foreach (var fund in row.Funds)
        {
            args.Add(FundMeasures.GetOrAdd(fund.FundPayType, type => FundMeasure + type.ToString(CultureInfo.InvariantCulture))).Add(fund.Fen);
        }
    }

    /// <summary>The sums of one group's measures as <c>apply_bookings.lua</c> keeps them.</summary>
    internal static LedgerSums Sums(Dictionary<string, long> measures)
    {
        var funds = new Dictionary<int, long>();
        foreach (var (name, value) in measures)
        {
            if (name.StartsWith(FundMeasure, StringComparison.Ordinal))
            {
                funds[int.Parse(name.AsSpan(FundMeasure.Length), CultureInfo.InvariantCulture)] = value;
            }
        }

        return new LedgerSums(
            measures.GetValueOrDefault(CountMeasure),
            measures.GetValueOrDefault(MedfeeMeasure),
            measures.GetValueOrDefault(FundPayMeasure),
            measures.GetValueOrDefault(AcctMeasure),
            measures.GetValueOrDefault(CashMeasure),
            funds);
    }

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
