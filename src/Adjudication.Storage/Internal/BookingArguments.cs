using System.Globalization;
using Adjudication.Storage.Ledger;
using Adjudication.Storage.Outbox;
using StackExchange.Redis;

namespace Adjudication.Storage.Internal;

/// <summary>
/// The arguments of one <c>apply_bookings.lua</c> call and the totals fields it keeps (DESIGN.md §11): the hospital
/// ledger of an institution-day and every clearing aggregate book rows through it. The call names each totals field
/// ("group|measure") once; a row then sends its five fixed measures by position and its fund types by index, so Redis
/// parses a third fewer values a row and its script joins no strings (DESIGN.md §10: Redis CPU per settle).
/// </summary>
internal sealed class BookingArguments(bool withOutbox)
{
    // A group's five fields in the order the script adds to them: the count, then the four amounts; a fund type's
    // measure is "fund:" and its fund_pay_type.
    private const string CountMeasure = "cnt";
    private const string MedfeeMeasure = "medfee_sumamt";
    private const string FundPayMeasure = "fund_pay_sumamt";
    private const string AcctMeasure = "acct_pay";
    private const string CashMeasure = "psn_cash_pay";
    private const string FundMeasure = "fund:";

    // Values a row takes besides its fund pairs: id, line, group's first field, four amounts, fund count.
    private const int RowValues = 8;

    // Each totals field's 1-based index in the call: a group's first (its count) by group, a fund type's by the group's
    // first index and the type; and the fields' names in index order.
    private readonly Dictionary<string, int> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Group, int FundPayType), int> _funds = [];
    private readonly List<string> _names = [];
    private readonly List<(string Id, string Line, int Group, LedgerRow Row, OutboxEntry? Then)> _rows = [];
    private int _fundPairs;

    /// <summary>
    /// Adds a row, booked under <paramref name="id"/> as <paramref name="line"/> into the totals of
    /// <paramref name="group"/>; with an outbox, <paramref name="then"/> is the entry its booking leaves there.
    /// </summary>
    public BookingArguments Add(string id, string line, string group, LedgerRow row, OutboxEntry? then = null)
    {
        // The group's five fields stand together, so the script finds them from the first one's index.
        if (!_groups.TryGetValue(group, out var first))
        {
            first = _names.Count + 1;
            _groups[group] = first;
            foreach (var measure in (ReadOnlySpan<string>)[CountMeasure, MedfeeMeasure, FundPayMeasure, AcctMeasure, CashMeasure])
            {
                _names.Add(string.Concat(group, "|", measure));
            }
        }

        foreach (var fund in row.Funds)
        {
            if (!_funds.ContainsKey((first, fund.FundPayType)))
            {
                _names.Add(string.Create(CultureInfo.InvariantCulture, $"{group}|{FundMeasure}{fund.FundPayType}"));
                _funds[(first, fund.FundPayType)] = _names.Count;
            }
        }

        _fundPairs += row.Funds.Count;
        _rows.Add((id, line, first, row, then));
        return this;
    }

    /// <summary>The arguments in the order the script's header lists them.</summary>
    public RedisValue[] ToArray()
    {
        var args = new ScriptArguments(2 + _names.Count + (RowValues * _rows.Count) + (2 * _fundPairs) + (withOutbox ? 2 * _rows.Count : 0));
        args.Add(_names.Count);
        foreach (var name in _names)
        {
            args.Add(name);
        }

        args.Add(_rows.Count);
        foreach (var (id, line, group, row, then) in _rows)
        {
            args.Add(id).Add(line).Add(group)
                .Add(row.MedfeeSumamt).Add(row.FundPaySumamt).Add(row.AcctPay).Add(row.PsnCashPay)
                .Add(row.Funds.Count);
            foreach (var fund in row.Funds)
            {
                args.Add(_funds[(group, fund.FundPayType)]).Add(fund.Fen);
            }

            if (withOutbox)
            {
                args.Add(then?.Field ?? string.Empty).Add(then?.Payload ?? string.Empty);
            }
        }

        return args.ToArray();
    }

    /// <summary>The sums of one group's measures as the script keeps them.</summary>
    public static LedgerSums Sums(Dictionary<string, long> measures)
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
}
