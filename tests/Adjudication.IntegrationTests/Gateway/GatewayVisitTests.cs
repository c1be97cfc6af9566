using System.Net;
using System.Text.Json.Nodes;
using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Security;
using static Adjudication.IntegrationTests.Infrastructure.JsonInputs;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;
using static Adjudication.IntegrationTests.Infrastructure.World;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;

namespace Adjudication.IntegrationTests.Gateway;

/// <summary>
/// Whole visits through the national JSON interface (issue 17) over a real HttpClient with a real client certificate,
/// against the six-node network: a local outpatient visit in Taiyuan and a cross-province stay in Beijing of a child
/// insured in Jinzhong. Every amount is compared to the fen with the gRPC answer of a twin visit (same person data, same
/// bill) settled through SettlementService on the same node.
/// </summary>
public sealed class GatewayVisitTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    private readonly TestNetwork _network = fixture.Network;

    private TestNode Taiyuan => _network[TestNetwork.Taiyuan];

    private TestNode BeijingNode => _network[BeijingCity];

    [Fact]
    public async Task CallService_LocalOutpatientVisit_EveryAmountEqualsTheGrpcTwin()
    {
        // Arrange: two employees of Taiyuan with 500.00 on their accounts; one visits over JSON, the twin over gRPC.
        using var his = new JsonTerminal(Taiyuan, CallerIdentity.Institution(TaiyuanHospital));
        var person = await Taiyuan.AddPersonAsync(balanceFen: 50_000);
        var twin = await Taiyuan.AddPersonAsync(balanceFen: 50_000);
        FeeLine[] bill = [Line("1", ClassA, 120.00m, 1m), Line("2", ClassB, 35.50m, 2m), Line("3", ClassC, 18.88m, 1.5m)];

        // Act: 1101 → 2201 → 2204 → 2206 → 2207 over JSON.
        var found = await his.OkAsync(his.Envelope("1101", Data(new JsonObject { ["mdtrt_cert_type"] = "02", ["mdtrt_cert_no"] = person.CertNo, ["psn_cert_type"] = "01", ["certno"] = person.CertNo, ["psn_name"] = person.Name })));
        var registered = await his.OkAsync(his.Envelope("2201", Data(Registration(person, "11"))));
        var mdtrtId = registered.GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        var uploaded = await his.OkAsync(his.Envelope("2204", Fees(person, mdtrtId, asStrings: true)));
        var preSettled = await his.OkAsync(his.Envelope("2206", Data(Settle(person, mdtrtId, "219.32"))));
        var settle = his.Envelope("2207", Data(Settle(person, mdtrtId, "219.32")));
        var settled = await his.OkAsync(settle);

        var twinVisit = await Taiyuan.OpenVisitAsync(twin, MedType.GeneralOutpatient, bill, TaiyuanHospital);
        var twinPre = await Taiyuan.Settlement.PreSettleAsync(Taiyuan.NewSettle(twin, twinVisit, useAccount: true, TaiyuanHospital));
        var twinSettled = await Taiyuan.Settlement.SettleAsync(Taiyuan.NewSettle(twin, twinVisit, useAccount: true, TaiyuanHospital));

        // Assert: 1101 answers the person and the opening balance; 2204 the lines' classes and amounts.
        Assert.Equal(person.PsnNo, found.GetProperty("baseinfo").GetProperty("psn_no").GetString());
        var insurance = found.GetProperty("insuinfo")[0];
        Assert.Equal(50_000, JsonAmounts.Fen(insurance, "balc"));
        Assert.Equal("310", insurance.GetProperty("insutype").GetString());
        Assert.Equal("140100", insurance.GetProperty("insuplc_admdvs").GetString());
        var lines = uploaded.GetProperty("result").EnumerateArray().ToList();
        Assert.Equal(["01", "02", "03"], lines.Select(l => l.GetProperty("chrgitm_lv").GetString()));
        Assert.Equal(7_100, JsonAmounts.Fen(lines[1], "det_item_fee_sumamt"));
        Assert.Equal(710, JsonAmounts.Fen(lines[1], "preselfpay_amt"));
        Assert.Equal(2_832, JsonAmounts.Fen(lines[2], "fulamt_ownpay_amt"));
        Assert.Equal("1.5000", lines[2].GetProperty("cnt").GetRawText());

        // The pre-settlement and the settlement equal the twin's to the fen: 219.32 in all, 28.32 self-paid (class C).
        JsonAmounts.Equal(twinPre.Split, preSettled);
        JsonAmounts.Equal(twinSettled.Split, settled);
        var setlinfo = settled.GetProperty("setlinfo");
        Assert.Equal(21_932, JsonAmounts.Fen(setlinfo, "medfee_sumamt"));
        Assert.Equal(2_832, JsonAmounts.Fen(setlinfo, "fulamt_ownpay_amt"));
        Assert.True(JsonAmounts.Fen(setlinfo, "acct_pay") > 0, "the account paid nothing");
        Assert.Equal(twinSettled.Split.Balc, JsonAmounts.Fen(setlinfo, "balc"));
        Assert.Equal(settle["msgid"]!.GetValue<string>(), setlinfo.GetProperty("medins_setl_id").GetString());
        Assert.Equal(FixedClock.DefaultFormatted, setlinfo.GetProperty("setl_time").GetString());
        Assert.False(preSettled.GetProperty("setlinfo").TryGetProperty("setl_id", out _));
    }

    [Fact]
    public async Task CallService_SettleRepeatedThenCancelled_FirstAnswerAgainThenNegatedAmountsAndBalanceRestored()
    {
        // Arrange: a settled visit (2207) of a Taiyuan employee with 300.00 on the account.
        using var his = new JsonTerminal(Taiyuan, CallerIdentity.Institution(TaiyuanHospital));
        var person = await Taiyuan.AddPersonAsync(balanceFen: 30_000);
        var mdtrtId = (await his.OkAsync(his.Envelope("2201", Data(Registration(person, "11"))))).GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        await his.OkAsync(his.Envelope("2204", Fees(person, mdtrtId, asStrings: false)));
        var settle = his.Envelope("2207", Data(Settle(person, mdtrtId, "219.32")));
        var first = await his.OkAsync(settle);
        var setlId = first.GetProperty("setlinfo").GetProperty("setl_id").GetString()!;

        // Act: the same envelope again (a HIS retry), the same msgid with another payload, then 2208.
        var again = await his.OkAsync(JsonNode.Parse(settle.ToJsonString())!.AsObject());
        var changed = JsonNode.Parse(settle.ToJsonString())!.AsObject();
        changed["input"]!["data"]!["acct_used_flag"] = "0";
        var reused = await his.CallAsync(changed);
        var cancelled = await his.OkAsync(his.Envelope("2208", Data(new JsonObject { ["setl_id"] = setlId, ["mdtrt_id"] = mdtrtId, ["psn_no"] = person.PsnNo })));

        // Assert: the retry is the first answer; the reuse is refused with its reason; the cancel gives back every
        // amount negated (pdn_cash_pay as 2208 spells it too) and the balance is 300.00 again.
        Assert.Equal(first.GetProperty("setlinfo").ToString(), again.GetProperty("setlinfo").ToString());
        Assert.Equal(-1, reused.GetProperty("infcode").GetInt32());
        Assert.StartsWith("[MSGID_REUSED]", reused.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
        var back = cancelled.GetProperty("setlinfo");
        Assert.Equal(setlId, back.GetProperty("setl_id").GetString());
        Assert.Equal(-JsonAmounts.Fen(first.GetProperty("setlinfo"), "medfee_sumamt"), JsonAmounts.Fen(back, "medfee_sumamt"));
        Assert.Equal(-JsonAmounts.Fen(first.GetProperty("setlinfo"), "psn_cash_pay"), JsonAmounts.Fen(back, "pdn_cash_pay"));
        Assert.Equal(30_000, JsonAmounts.Fen(back, "balc"));
        foreach (var name in new[] { "medfee_sumamt", "hifp_pay", "fund_pay_sumamt", "acct_pay", "psn_cash_pay", "psn_part_amt" })
        {
            Assert.Equal(-JsonAmounts.Fen(first.GetProperty("setlinfo"), name), JsonAmounts.Fen(back, name));
        }

        JsonAmounts.Identities(back);
        Assert.Equal(30_000, (await Taiyuan.ReadPersonAsync(person.PsnNo)).Balance.Fen);
    }

    [Fact]
    public async Task CallService_CrossProvinceStay_EveryAmountEqualsTheGrpcTwin()
    {
        // Arrange: two children insured in Jinzhong (resident 390), each referred to Beijing (异地转诊); one stays in a
        // Beijing hospital over JSON, the twin over gRPC. Bill: class A 3,000.00 + class B 1,000.00.
        using var his = new JsonTerminal(BeijingNode, CallerIdentity.Institution(BeijingHospital));
        var jinzhong = _network[Jinzhong];
        var child = await jinzhong.AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentMinor);
        var twin = await jinzhong.AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentMinor);
        await _network.FileAsync(child, FilingClass.Referral, "110000", "2026-06-01");
        await _network.FileAsync(twin, FilingClass.Referral, "110000", "2026-06-01");
        FeeLine[] bill = [Line("1", ClassA, 3000.00m, 1m), Line("2", ClassB, 1000.00m, 1m)];

        // Act: 1101 → 2401 → 2301 → 2402 → 2303 → 2304 → 2305 over JSON at Beijing, routed to Jinzhong by insuplc_admdvs.
        const string insuplc = "140700";
        var found = await his.OkAsync(his.Envelope("1101", Data(new JsonObject { ["mdtrt_cert_type"] = "02", ["mdtrt_cert_no"] = child.CertNo, ["psn_cert_type"] = "01", ["certno"] = child.CertNo, ["psn_name"] = child.Name }), insuplc));
        var admission = Registration(child, "21");
        admission["insuplc_admdvs"] = insuplc;
        admission["mdtrtarea_admvs"] = "110100";
        admission["dscg_maindiag_code"] = "J18.9";
        var admitted = await his.OkAsync(his.Envelope("2401", new JsonObject { ["mdtrtinfo"] = admission, ["diseinfo"] = new JsonArray() }, insuplc));
        var mdtrtId = admitted.GetProperty("result").GetProperty("mdtrt_id").GetString()!;
        await his.OkAsync(his.Envelope("2301", new JsonObject { ["feedetail"] = new JsonArray(FeeRow("1", child, mdtrtId, ClassA, "3000.00", "1", "3000.00"), FeeRow("2", child, mdtrtId, ClassB, "1000.00", "1", "1000.00")) }, insuplc));
        await his.OkAsync(his.Envelope("2402", new JsonObject { ["dscginfo"] = new JsonObject { ["psn_no"] = child.PsnNo, ["mdtrt_id"] = mdtrtId, ["endtime"] = "2026-06-14 10:00:00", ["insutype"] = "390", ["dscg_way"] = "1" } }, insuplc));
        var inputSettle = Settle(child, mdtrtId, "4000.00");
        inputSettle["insuplc_admdvs"] = insuplc;
        inputSettle["mdtrtarea_admvs"] = "110100";
        var preSettled = await his.OkAsync(his.Envelope("2303", Data(inputSettle.DeepClone().AsObject()), insuplc));
        var settled = await his.OkAsync(his.Envelope("2304", Data(inputSettle), insuplc));
        var setlId = settled.GetProperty("setlinfo").GetProperty("setl_id").GetString()!;
        var cancelled = await his.OkAsync(his.Envelope("2305", Data(new JsonObject { ["mdtrt_id"] = mdtrtId, ["setl_id"] = setlId, ["psn_no"] = child.PsnNo }), insuplc));

        var twinVisit = await BeijingNode.OpenVisitAsync(twin, MedType.Inpatient, bill, BeijingHospital);
        var twinPre = await BeijingNode.Settlement.PreSettleAsync(BeijingNode.NewSettle(twin, twinVisit, useAccount: true, BeijingHospital));
        var twinSettled = await BeijingNode.Settlement.SettleAsync(BeijingNode.NewSettle(twin, twinVisit, useAccount: true, BeijingHospital));

        // Assert: the person as Jinzhong holds them; the splits equal the twin's (R 50% after the referral reduction:
        // hifp 1,450.00 of 4,000.00), and the cancel gives them back negated.
        Assert.Equal("140700", found.GetProperty("insuinfo")[0].GetProperty("insuplc_admdvs").GetString());
        JsonAmounts.Equal(twinPre.Split, preSettled);
        JsonAmounts.Equal(twinSettled.Split, settled);
        Assert.Equal(145_000, JsonAmounts.Fen(settled.GetProperty("setlinfo"), "hifp_pay"));
        Assert.Equal("0.5000", settled.GetProperty("setlinfo").GetProperty("pool_prop_selfpay").GetRawText());
        JsonAmounts.Equal(twinSettled.Split, cancelled, sign: -1);
        Assert.Equal(0, (await jinzhong.ReadPersonAsync(child.PsnNo)).Accumulators.BasicPaid.Fen);
    }

    [Fact]
    public async Task CallService_Lost2207ReversedBy2601_SettlementUndoneAndVisitSettlesAgain()
    {
        // Arrange: a settled outpatient visit whose 2207 answer the HIS never saw.
        using var his = new JsonTerminal(Taiyuan, CallerIdentity.Institution(TaiyuanHospital));
        var person = await Taiyuan.AddPersonAsync(balanceFen: 20_000);
        var mdtrtId = (await his.OkAsync(his.Envelope("2201", Data(Registration(person, "11"))))).GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        await his.OkAsync(his.Envelope("2204", Fees(person, mdtrtId, asStrings: false)));
        var lost = his.Envelope("2207", Data(Settle(person, mdtrtId, "219.32")));
        var committed = await his.OkAsync(lost);

        // Act: 2601 by the lost msgid; a 2601 of a msgid that never arrived; that 2207 arriving late; the visit settled anew.
        var reversed = await his.OkAsync(his.Envelope("2601", Data(new JsonObject { ["psn_no"] = person.PsnNo, ["omsgid"] = lost["msgid"]!.GetValue<string>(), ["oinfno"] = "2207" })));
        var neverSent = his.Envelope("2207", Data(Settle(person, mdtrtId, "219.32")));
        var tombstoned = await his.OkAsync(his.Envelope("2601", Data(new JsonObject { ["psn_no"] = person.PsnNo, ["omsgid"] = neverSent["msgid"]!.GetValue<string>(), ["oinfno"] = "2207" })));
        var late = await his.CallAsync(neverSent);
        var resettled = await his.OkAsync(his.Envelope("2207", Data(Settle(person, mdtrtId, "219.32"))));

        // Assert
        Assert.Equal("REVERSED", reversed.GetProperty("data").GetProperty("rvs_rslt").GetString());
        Assert.Equal(committed.GetProperty("setlinfo").GetProperty("setl_id").GetString(), reversed.GetProperty("data").GetProperty("setl_id").GetString());
        Assert.Equal("TOMBSTONED", tombstoned.GetProperty("data").GetProperty("rvs_rslt").GetString());
        Assert.Equal(-1, late.GetProperty("infcode").GetInt32());
        Assert.StartsWith("[MSGID_REVERSED]", late.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonAmounts.Fen(committed.GetProperty("setlinfo"), "acct_pay"), JsonAmounts.Fen(resettled.GetProperty("setlinfo"), "acct_pay"));
        Assert.Equal(20_000 - JsonAmounts.Fen(resettled.GetProperty("setlinfo"), "acct_pay"), (await Taiyuan.ReadPersonAsync(person.PsnNo)).Balance.Fen);
    }

    [Fact]
    public async Task ApiInfno_OverHttp2_AnswersAsCallServiceOverHttp11()
    {
        // Arrange
        var person = await Taiyuan.AddPersonAsync(balanceFen: 12_345);
        using var http11 = new JsonTerminal(Taiyuan, CallerIdentity.Institution(TaiyuanHospital));
        using var http2 = new JsonTerminal(Taiyuan, CallerIdentity.Institution(TaiyuanHospital), HttpVersion.Version20);
        var input = Data(new JsonObject { ["mdtrt_cert_type"] = "02", ["mdtrt_cert_no"] = person.CertNo });

        // Act
        var one = await http11.OkAsync(http11.Envelope("1101", input.DeepClone().AsObject()));
        var two = await http2.OkAsync(http2.Envelope("1101", input), "/api/1101");

        // Assert: ALPN gave each client its protocol on the one TLS port, and both got the same person.
        Assert.Equal(HttpVersion.Version11, http11.LastVersion);
        Assert.Equal(HttpVersion.Version20, http2.LastVersion);
        Assert.Equal(one.GetProperty("insuinfo")[0].GetProperty("balc").GetRawText(), two.GetProperty("insuinfo")[0].GetProperty("balc").GetRawText());
        Assert.Equal("123.45", two.GetProperty("insuinfo")[0].GetProperty("balc").GetRawText());
    }
}
