using Adjudication.Contracts.V1;
using Adjudication.Storage.Ledger;
using StackExchange.Redis;

namespace Adjudication.Cli.Tests.Infrastructure;

/// <summary>
/// The person-side settlement records an insured city holds (DESIGN.md §3: the authoritative record of every
/// settlement), read straight from its store after a crash test, and the sums a ledger or clearing aggregate must equal.
/// </summary>
public static class PersonRecords
{
    /// <summary>Every settlement record under <paramref name="prefix"/>: the stored 2207 answer and whether it was cancelled.</summary>
    public static async Task<List<(SettleResponse Response, bool Cancelled)>> ReadAsync(ConnectionMultiplexer store, string prefix)
    {
        var records = new List<(SettleResponse, bool)>();
        var server = store.GetServer(store.GetEndPoints()[0]);
        var db = store.GetDatabase();
        await foreach (var key in server.KeysAsync(pattern: prefix + ":*:setl:*", pageSize: 1000))
        {
            var fields = await db.HashGetAsync(key, ["status", "body"]);
            var status = fields[0].ToString();
            Assert.True(status is "settled" or "cancelled", $"{key}: status '{status}'");
            records.Add((SettleResponse.Parser.ParseFrom((byte[])fields[1]!), status == "cancelled"));
        }

        return records;
    }

    /// <summary>Count, amounts and each fund type summed over <paramref name="responses"/>.</summary>
    public static LedgerSums Sum(IEnumerable<SettleResponse> responses)
    {
        var sums = LedgerSums.Zero;
        foreach (var response in responses)
        {
            var split = response.Split;
            var funds = new Dictionary<int, long>();
            foreach (var detail in split.Setldetail)
            {
                funds[detail.FundPayType] = funds.GetValueOrDefault(detail.FundPayType) + detail.FundPayamt;
            }

            sums = sums.Plus(new LedgerSums(1, split.MedfeeSumamt, split.FundPaySumamt, split.AcctPay, split.PsnCashPay, funds));
        }

        return sums;
    }

    /// <summary>The sum of <paramref name="parts"/>.</summary>
    public static LedgerSums Sum(IEnumerable<LedgerSums> parts) => parts.Aggregate(LedgerSums.Zero, (a, b) => a.Plus(b));

    /// <summary>What reversed rows of <paramref name="s"/> add up to: each counts once and carries the amounts negated.</summary>
    public static LedgerSums Negated(LedgerSums s) =>
        new(s.Count, -s.MedfeeSumamt, -s.FundPaySumamt, -s.AcctPay, -s.PsnCashPay, s.Funds.ToDictionary(f => f.Key, f => -f.Value));

    /// <summary>Asserts the same count, amounts and non-zero fund sums, to the fen.</summary>
    public static void AssertSame(LedgerSums expected, LedgerSums actual)
    {
        Assert.Equal(
            (expected.Count, expected.MedfeeSumamt, expected.FundPaySumamt, expected.AcctPay, expected.PsnCashPay),
            (actual.Count, actual.MedfeeSumamt, actual.FundPaySumamt, actual.AcctPay, actual.PsnCashPay));
        Assert.Equal(
            expected.Funds.Where(f => f.Value != 0).OrderBy(f => f.Key).ToList(),
            actual.Funds.Where(f => f.Value != 0).OrderBy(f => f.Key).ToList());
    }

    /// <summary>The sums as one line for the test output.</summary>
    public static string Describe(LedgerSums s) =>
        $"cnt {s.Count}, medfee {s.MedfeeSumamt}, fund {s.FundPaySumamt}, acct {s.AcctPay}, cash {s.PsnCashPay}, funds [{string.Join(", ", s.Funds.OrderBy(f => f.Key).Select(f => $"{f.Key}: {f.Value}"))}] (fen)";
}
