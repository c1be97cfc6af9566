using System.Globalization;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Internal;
using StackExchange.Redis;

namespace Adjudication.Storage.Prepayment;

/// <summary>
/// The prepayment ledger of each insured province at the national node (DESIGN.md §11). All keys of a province share
/// the hash tag <c>{prepayment:PP0000}</c>: its state, the rows it counted (each once), its level changes and the
/// msgids of deposits, top-ups and repayments change in one script on one slot.
/// </summary>
public sealed class PrepaymentStore(IConnectionMultiplexer redis, RedisStoreOptions options)
{
    private readonly IDatabase _db = redis.GetDatabase();
    private readonly string _prefix = options.KeyPrefix;

    /// <summary>
    /// Counts rows (id, advanced fen, setl_id) into <paramref name="province"/>'s usage in the order given, each once;
    /// returns how many were new and how many level changes they made.
    /// </summary>
    public async Task<(int Booked, int Changes)> BookAsync(string province, IReadOnlyList<(string Id, long Advanced, string SetlId)> rows, string time)
    {
        var args = new List<RedisValue>(2 + (3 * rows.Count)) { time, rows.Count };
        foreach (var (id, advanced, setlId) in rows)
        {
            args.AddRange([id, advanced, setlId]);
        }

        var reply = (RedisResult[])(await _db.ScriptEvaluateAsync(Scripts.PrepaymentBook, [Key(province, "state"), Key(province, "rows"), Key(province, "events")], [.. args]).ConfigureAwait(false))!;
        ScriptReplies.PrepaymentBook.Decode(reply);
        return ((int)reply[1], (int)reply[2]);
    }

    /// <summary>A deposit, an emergency top-up ("topup") or a repayment ("repay") of <paramref name="amount"/> fen by <paramref name="msgid"/>.</summary>
    public async Task<(PrepaymentFundResult Result, PrepaymentLevel Level)> FundAsync(string province, string kind, string msgid, byte[] digest, long amount, string time)
    {
        var reply = (RedisResult[])(await _db.ScriptEvaluateAsync(Scripts.PrepaymentFund, [Key(province, "state"), Key(province, "events"), Key(province, "msgids")], [kind, msgid, digest, amount, time]).ConfigureAwait(false))!;
        var result = ScriptReplies.PrepaymentFund.Decode(reply);
        return (result, PrepaymentFigures.Level(reply.Length > 1 ? reply[1].ToString() : null));
    }

    /// <summary>The province's prepayment now (all zero and green before its first deposit).</summary>
    public async Task<PrepaymentState> StateAsync(string province)
    {
        var v = await _db.HashGetAsync(Key(province, "state"), ["prepayment", "advanced", "repaid", "level", "topup_due"]).ConfigureAwait(false);
        return new PrepaymentState(province, Long(v[0]), Long(v[1]), Long(v[2]), PrepaymentFigures.Level(v[3].ToString()), Long(v[4]));
    }

    /// <summary>Every level change of the province, oldest first.</summary>
    public async Task<IReadOnlyList<PrepaymentEvent>> EventsAsync(string province)
    {
        var lines = await _db.ListRangeAsync(Key(province, "events")).ConfigureAwait(false);
        return [.. lines.Select(l =>
        {
            var f = l.ToString().Split('\t');
            return new PrepaymentEvent(PrepaymentFigures.Level(f[0]), f[1], f[2], Long(f[3]), Long(f[4]), f[5], Long(f[6]));
        })];
    }

    private static long Long(RedisValue value) => value.IsNullOrEmpty ? 0 : long.Parse(value.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private RedisKey Key(string province, string part) => $"{_prefix}:prepayment:{{{province}}}:{part}";
}
