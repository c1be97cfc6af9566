using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Security;
using static Adjudication.IntegrationTests.Infrastructure.JsonInputs;

namespace Adjudication.IntegrationTests.Gateway;

/// <summary>
/// 3201 and 3202 through the JSON gateway (issue 17) against the hospital ledger of a Taiyuan node: an institution of
/// its own per test settles two outpatient visits over JSON and cancels one, then reconciles the day. 3202's rows go
/// inline, as objects and as the TAB-separated text of the national file, and come back both ways.
/// </summary>
public sealed class GatewayReconcileTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private static int s_institutions;
    private readonly TestNode _node = fixture.Node;

    [Fact]
    public async Task Reconcile3201_TotalsOfTheBooks_BalancedAndOffByTenYuan_NotBalancedNamingTheDifference()
    {
        // Arrange: rows S1, S2 and S2's reversed row: count 3, medfee 219.32 + 219.32 − 219.32.
        using var his = await NewInstitutionAsync();
        var day = await SettleDayAsync(his);

        // Act
        var balanced = await his.OkAsync(his.Envelope("3201", Totals(day, medfee: "219.32")));
        var unbalanced = await his.OkAsync(his.Envelope("3201", Totals(day, medfee: "229.32")));

        // Assert
        var ok = balanced.GetProperty("stmtinfo");
        Assert.Equal("0", ok.GetProperty("stmt_rslt").GetString());
        Assert.Equal("140100", ok.GetProperty("setl_optins").GetString());
        var off = unbalanced.GetProperty("stmtinfo");
        Assert.Equal("1", off.GetProperty("stmt_rslt").GetString());
        Assert.Contains("medfee_sumamt: hospital 229.32, node 219.32, difference 10.00", off.GetProperty("stmt_rslt_dscr").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile3202_RowsInlineAndAsTabText_SameResultsWithTheDifferingRowNamed()
    {
        // Arrange: the hospital's three rows, S1's acct_pay booked 1.00 too high in its books.
        using var his = await NewInstitutionAsync();
        var day = await SettleDayAsync(his);
        var booked = day.Rows[0];
        var rows = new List<Row>(day.Rows) { [0] = booked with { AcctPay = booked.AcctPay + 100 } };
        var objects = new JsonArray([.. rows.Select(r => (JsonNode)r.ToJson())]);
        var text = string.Concat(rows.Select(r => r.ToTabLine() + "\n"));

        // Act
        var inline = await his.OkAsync(his.Envelope("3202", Details(objects, null)));
        var file = await his.OkAsync(his.Envelope("3202", Details(null, text)));

        // Assert: S1 differs in acct_pay and names the settle's msgid (for 2601); S2 and its reversed row match.
        foreach (var answer in new[] { inline, file })
        {
            var summary = answer.GetProperty("stmtinfo");
            Assert.Equal("1", summary.GetProperty("stmt_rslt").GetString());
            Assert.Equal(3, summary.GetProperty("hospital_rows").GetInt32());
            Assert.Equal(2, summary.GetProperty("matched").GetInt32());
            Assert.Equal(1, summary.GetProperty("amounts_differ").GetInt32());
            var results = answer.GetProperty("detail").EnumerateArray().ToList();
            var differing = Assert.Single(results, r => r.GetProperty("outcome").GetString() == "AMOUNTS_DIFFER");
            Assert.Equal(day.Rows[0].SetlId, differing.GetProperty("setl_id").GetString());
            Assert.Equal(day.FirstMsgid, differing.GetProperty("msgid").GetString());
            Assert.Equal("1", differing.GetProperty("stmt_rslt").GetString());
            Assert.Contains("acct_pay: hospital", differing.GetProperty("memo").GetString(), StringComparison.Ordinal);
            // The node's amounts come back: what it booked, 1.00 less than the hospital's row.
            Assert.Equal(booked.AcctPay, JsonAmounts.Fen(differing, "acct_pay"));
            Assert.Equal(rows[0].AcctPay - 100, JsonAmounts.Fen(differing, "acct_pay"));
            var lines = answer.GetProperty("file").GetString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length);
            Assert.All(lines, l => Assert.Equal(10, l.Split('\t').Length));
            Assert.Contains(lines, l => l.StartsWith(day.Rows[2].PsnNo, StringComparison.Ordinal) && l.Contains("\t1\t", StringComparison.Ordinal)
                && l.EndsWith(string.Create(CultureInfo.InvariantCulture, $"\t-{OutpatientBillFen / 100}.{OutpatientBillFen % 100:D2}\t{Yuan(day.Rows[2].FundPaySumamt)}\t{Yuan(day.Rows[2].AcctPay)}"), StringComparison.Ordinal));
        }

        Assert.Equal(inline.GetProperty("detail").ToString(), file.GetProperty("detail").ToString());
    }

    [Fact]
    public async Task Reconcile3202_TabTextWithAThirdDecimal_RefusedNamingTheLine()
    {
        // Arrange
        using var his = await NewInstitutionAsync();

        // Act
        var answer = await his.CallAsync(his.Envelope("3202", Details(null, "S1\tM1\tP1\t1.00\t0.50\t0.50\t0\nS2\tM2\tP2\t1.005\t0.50\t0.50\t0\n")));

        // Assert
        Assert.Equal(-1, answer.GetProperty("infcode").GetInt32());
        Assert.Contains("input.file line 2", answer.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
    }

    private static string Yuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private async Task<JsonTerminal> NewInstitutionAsync()
    {
        var n = Interlocked.Increment(ref s_institutions);
        var code = string.Create(CultureInfo.InvariantCulture, $"H140100{n + 700:D5}");
        await AgencySeed.DesignateAsync(_node, 700 + n, code, "太原对账测试医院" + code, HospitalLevel.Tertiary);
        return new JsonTerminal(_node, CallerIdentity.Institution(code));
    }

    // Two outpatient settlements over JSON, the second cancelled (2208): the ledger's three rows of the day.
    private async Task<Day> SettleDayAsync(JsonTerminal his)
    {
        var first = await _node.AddPersonAsync(balanceFen: 10_000);
        var second = await _node.AddPersonAsync(balanceFen: 10_000);
        var one = (await SettleOutpatientAsync(his, first)).GetProperty("setlinfo");
        var two = (await SettleOutpatientAsync(his, second)).GetProperty("setlinfo");
        var cancel = Data(new JsonObject { ["setl_id"] = two.GetProperty("setl_id").GetString(), ["mdtrt_id"] = two.GetProperty("mdtrt_id").GetString(), ["psn_no"] = second.PsnNo });
        await his.OkAsync(his.Envelope("2208", cancel));
        var rows = new List<Row> { Row.Of(one, "0", 1), Row.Of(two, "0", 1), Row.Of(two, "1", -1) };
        return new Day(rows, one.GetProperty("medins_setl_id").GetString()!);
    }

    private static JsonObject Totals(Day day, string medfee) => Data(new JsonObject
    {
        ["insutype"] = "",
        ["clr_type"] = "",
        ["setl_optins"] = "140100",
        ["stmt_begndate"] = "2026-06-01",
        ["stmt_enddate"] = "2026-06-30",
        ["medfee_sumamt"] = medfee,
        ["fund_pay_sumamt"] = Yuan(day.Rows.Sum(r => r.FundPaySumamt)),
        ["acct_pay"] = Yuan(day.Rows.Sum(r => r.AcctPay)),
        ["fixmedins_setl_cnt"] = day.Rows.Count.ToString(CultureInfo.InvariantCulture),
        ["refd_setl_flag"] = "",
        ["fixmedins_refd_setl_flag"] = "1",
    });

    private static JsonObject Details(JsonArray? rows, string? file)
    {
        var input = Data(new JsonObject
        {
            ["setl_optins"] = "140100",
            ["file_qury_no"] = "",
            ["stmt_begndate"] = "2026-06-01",
            ["stmt_enddate"] = "2026-06-30",
            ["medfee_sumamt"] = 0,
            ["fund_pay_sumamt"] = 0,
            ["cash_payamt"] = 0,
            ["fixmedins_setl_cnt"] = 0,
            ["clr_type"] = "",
            ["fixmedins_refd_setl_flag"] = "1",
        });
        if (rows is not null)
        {
            input["detail"] = rows;
        }

        if (file is not null)
        {
            input["file"] = file;
        }

        return input;
    }

    private sealed record Day(List<Row> Rows, string FirstMsgid);

    // A row of the hospital's 3202 file, amounts in fen (a reversed row's negated).
    private sealed record Row(string SetlId, string MdtrtId, string PsnNo, long MedfeeSumamt, long FundPaySumamt, long AcctPay, string Flag)
    {
        public static Row Of(JsonElement setlinfo, string flag, int sign) => new(
            setlinfo.GetProperty("setl_id").GetString()!, setlinfo.GetProperty("mdtrt_id").GetString()!, setlinfo.GetProperty("psn_no").GetString()!,
            sign * JsonAmounts.Fen(setlinfo, "medfee_sumamt"), sign * JsonAmounts.Fen(setlinfo, "fund_pay_sumamt"), sign * JsonAmounts.Fen(setlinfo, "acct_pay"), flag);

        public JsonObject ToJson() => new()
        {
            ["setl_id"] = SetlId, ["mdtrt_id"] = MdtrtId, ["psn_no"] = PsnNo, ["medfee_sumamt"] = Yuan(MedfeeSumamt),
            ["fund_pay_sumamt"] = Yuan(FundPaySumamt), ["acct_pay"] = Yuan(AcctPay), ["refd_setl_flag"] = Flag,
        };

        public string ToTabLine() => string.Join('\t', SetlId, MdtrtId, PsnNo, Yuan(MedfeeSumamt), Yuan(FundPaySumamt), Yuan(AcctPay), Flag);
    }
}
