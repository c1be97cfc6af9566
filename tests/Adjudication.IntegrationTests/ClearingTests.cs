using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Security;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;
using PersonProfile = Adjudication.Domain.Persons.PersonProfile;

namespace Adjudication.IntegrationTests;

/// <summary>
/// Monthly clearing (DESIGN.md §11) on the six-node network: cross-region settlements, cancels and reversals at
/// Beijing, Taiyuan and Jinzhong carried up to Shanxi, Beijing and the national node; declarations, confirmation
/// against the insured cities' own records, payment, and the statements. Each test settles in a month of its own
/// (the network's clock moved to it), so the aggregates of tests sharing the network never mix.
/// </summary>
public sealed class ClearingTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    private readonly TestNetwork _network = fixture.Network;
    private readonly ClearingTraffic _traffic = new(fixture.Network);

    [Fact]
    public async Task Clearing_MonthOfCrossRegionSettlements_DeclarationsEqualTheirSettlementsAndStatementsNetToZero()
    {
        // Arrange: July 2026. Across provinces: three Jinzhong children referred to Beijing (one stay of 4,000.00; a
        // 150.00 visit cancelled; an 80.00 visit reversed) and a Beijing employee referred to Taiyuan (3,000.00). In
        // Shanxi, across cities of the central Shanxi zone: a Taiyuan employee at Jinzhong (200.00), a Jinzhong child
        // at Taiyuan (120.00).
        var month = await SettleMonthAsync(7);
        _traffic.Clock.Set(new DateTimeOffset(2026, 8, 2, 9, 0, 0, TimeSpan.FromHours(8)));

        // Act: Beijing declares July at the national node, Shanxi confirms and pays; in Shanxi, Jinzhong declares to Taiyuan.
        var national = _traffic.Clearing(National, "110000");
        var declared = await national.DeclareClearingAsync(new DeclareClearingRequest { Msgid = Msgid("110000", 1), ClrMonth = "2026-07", MdtrtareaAdmvs = "110000" });
        var again = await national.DeclareClearingAsync(new DeclareClearingRequest { Msgid = Msgid("110000", 1), ClrMonth = "2026-07", MdtrtareaAdmvs = "110000" });
        var shanxiAtNational = _traffic.Clearing(National, "140000");
        var confirmed = await shanxiAtNational.ConfirmClearingAsync(new ConfirmClearingRequest { Msgid = Msgid("140000", 2), ClrMonth = "2026-07", MdtrtareaAdmvs = "110000", InsuplcAdmdvs = "140000" });
        var paid = await shanxiAtNational.PayClearingAsync(new PayClearingRequest { Msgid = Msgid("140000", 3), ClrMonth = "2026-07", MdtrtareaAdmvs = "110000", InsuplcAdmdvs = "140000" });
        var inProvince = await _traffic.Clearing(Shanxi, "140700").DeclareClearingAsync(new DeclareClearingRequest { Msgid = Msgid("140700", 4), ClrMonth = "2026-07", MdtrtareaAdmvs = "140700" });
        var taiyuanConfirms = await _traffic.Clearing(Shanxi, "140100").ConfirmClearingAsync(new ConfirmClearingRequest { Msgid = Msgid("140100", 5), ClrMonth = "2026-07", MdtrtareaAdmvs = "140700", InsuplcAdmdvs = "140100" });
        var nationalStatement = await _traffic.Clearing(National, "110000").GetClearingStatementAsync(new GetClearingStatementRequest { ClrMonth = "2026-07" });
        var shanxiStatement = await _traffic.Clearing(Shanxi, "140000").GetClearingStatementAsync(new GetClearingStatementRequest { ClrMonth = "2026-07" });

        // Assert: Beijing's one declaration (to Shanxi) is the stay, the cancelled and the reversed visit: 3 settlements,
        // 2 reversed rows, and the sums per fund type of the stay alone.
        var toShanxi = Assert.Single(declared.Declarations);
        Assert.Equal("140000", toShanxi.InsuplcAdmdvs);
        Assert.Equal(ClearingStatus.Declared, toShanxi.Status);
        Assert.Equal(Expected(month.ChildrenInBeijing), toShanxi.Sums);
        Assert.Equal(3, toShanxi.Sums.SetlCnt);
        Assert.Equal(2, toShanxi.Sums.RefdSetlCnt);
        Assert.Equal(400_000, toShanxi.Sums.MedfeeSumamt);
        Assert.Equal(declared, again);

        // Jinzhong's records of its children match: confirmed, then paid.
        Assert.True(confirmed.Matched);
        Assert.Empty(confirmed.Differences);
        Assert.Equal(ClearingStatus.Confirmed, confirmed.Declaration.Status);
        Assert.Equal(toShanxi.Sums, confirmed.InsuredSums);
        Assert.Equal(ClearingStatus.Paid, paid.Status);

        // In Shanxi: Jinzhong declares the Taiyuan employee's 200.00 to Taiyuan, which confirms it.
        var toTaiyuan = Assert.Single(inProvince.Declarations);
        Assert.Equal("140100", toTaiyuan.InsuplcAdmdvs);
        Assert.Equal(Expected(month.TaiyuanInJinzhong), toTaiyuan.Sums);
        Assert.True(taiyuanConfirms.Matched);

        // The national statement: Beijing advanced A for Shanxi's persons, Shanxi B for Beijing's; nets ±(A − B), sum 0.
        var a = Expected(month.ChildrenInBeijing).ClrSumamt;
        var b = Expected(month.BeijingInTaiyuan).ClrSumamt;
        Assert.True(a > 0 && b > 0, $"advanced {a} and {b}");
        Assert.Equal(2, nationalStatement.Matrix.Count);
        Assert.Equal(Expected(month.BeijingInTaiyuan), nationalStatement.Matrix.Single(d => d.MdtrtareaAdmvs == "140000").Sums);
        Assert.Equal(ClearingStatus.Undeclared, nationalStatement.Matrix.Single(d => d.MdtrtareaAdmvs == "140000").Status);
        Assert.Equal(ClearingStatus.Paid, nationalStatement.Matrix.Single(d => d.MdtrtareaAdmvs == "110000").Status);
        Assert.Equal(new ClearingPosition { Admdvs = "140000", Receivable = b, Payable = a, Net = b - a }, nationalStatement.Positions.Single(p => p.Admdvs == "140000"));
        Assert.Equal(new ClearingPosition { Admdvs = "110000", Receivable = a, Payable = b, Net = a - b }, nationalStatement.Positions.Single(p => p.Admdvs == "110000"));
        Assert.Equal(0, nationalStatement.Positions.Sum(p => p.Net));
        Assert.Equal(new ClearingNetting { AdmdvsA = "110000", AdmdvsB = "140000", AAdvancedForB = a, BAdvancedForA = b, Net = a - b }, Assert.Single(nationalStatement.Nettings));

        // Shanxi's statement: its two cities, each owed by the other; the cross-province rows clear at the national node.
        var t = Expected(month.TaiyuanInJinzhong).ClrSumamt;
        var j = Expected(month.JinzhongInTaiyuan).ClrSumamt;
        Assert.Equal(2, shanxiStatement.Matrix.Count);
        Assert.Equal(new ClearingPosition { Admdvs = "140100", Receivable = j, Payable = t, Net = j - t }, shanxiStatement.Positions.Single(p => p.Admdvs == "140100"));
        Assert.Equal(new ClearingPosition { Admdvs = "140700", Receivable = t, Payable = j, Net = t - j }, shanxiStatement.Positions.Single(p => p.Admdvs == "140700"));
        Assert.Equal(0, shanxiStatement.Positions.Sum(p => p.Net));
        Assert.Empty(shanxiStatement.Nettings);
    }

    [Fact]
    public async Task ConfirmClearing_OneSettlementMissingFromInsuredRecords_DifferenceNamesItAndStatusStaysDeclared()
    {
        // Arrange: September 2026, two Jinzhong children at Beijing; Jinzhong's own record of the second is lost.
        _traffic.Clock.Set(new DateTimeOffset(2026, 9, 15, 10, 0, 0, TimeSpan.FromHours(8)));
        var first = await ReferredChildAsync();
        var second = await ReferredChildAsync();
        var (kept, _) = await _traffic.SettleAsync(BeijingCity, BeijingHospital, first, 100.00m);
        var (lost, _) = await _traffic.SettleAsync(BeijingCity, BeijingHospital, second, 200.00m);
        await _traffic.DrainAsync();
        Assert.True(await _network[Jinzhong].ClearingStore.ForgetInsuredRowAsync(new Storage.Clearing.ClearingPair("202609", "110100", "140700"), lost.SetlId + ":0"));
        _traffic.Clock.Set(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(8)));
        await _traffic.Clearing(National, "110000").DeclareClearingAsync(new DeclareClearingRequest { Msgid = Msgid("110000", 11), ClrMonth = "2026-09", MdtrtareaAdmvs = "110000" });

        // Act
        var answer = await _traffic.Clearing(National, "140000").ConfirmClearingAsync(new ConfirmClearingRequest { Msgid = Msgid("140000", 12), ClrMonth = "2026-09", MdtrtareaAdmvs = "110000", InsuplcAdmdvs = "140000" });

        // Assert: the lost settlement, held by the declaring side only, with its amounts; the other matched.
        Assert.False(answer.Matched);
        var difference = Assert.Single(answer.Differences);
        Assert.Equal(lost.SetlId, difference.SetlId);
        Assert.Equal("0", difference.RefdSetlFlag);
        Assert.Equal("only_declared", difference.Side);
        Assert.Equal(20_000, difference.Declared.MedfeeSumamt);
        Assert.Equal(lost.Split.FundPaySumamt, difference.Declared.FundPaySumamt);
        Assert.Null(difference.Insured);
        Assert.Equal(ClearingStatus.Declared, answer.Declaration.Status);
        Assert.Equal(Expected([(kept, 1)]).ClrSumamt, answer.InsuredSums.ClrSumamt);
    }

    [Fact]
    public async Task ClearingSteps_OutOfOrderOpenMonthWrongAgencyReusedMsgid_RefusedWithReasons()
    {
        // Arrange: October 2026, one child at Beijing, booked everywhere; the month still open.
        _traffic.Clock.Set(new DateTimeOffset(2026, 10, 20, 10, 0, 0, TimeSpan.FromHours(8)));
        await _traffic.SettleAsync(BeijingCity, BeijingHospital, await ReferredChildAsync(), 50.00m);
        await _traffic.DrainAsync();
        var beijing = _traffic.Clearing(National, "110000");
        var shanxi = _traffic.Clearing(National, "140000");
        var declare = new DeclareClearingRequest { Msgid = Msgid("110000", 21), ClrMonth = "2026-10", MdtrtareaAdmvs = "110000" };

        // Act / Assert
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "CLEARING_MONTH_OPEN", () => beijing.DeclareClearingAsync(declare).ResponseAsync);
        _traffic.Clock.Set(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8)));
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "AGENCY_MISMATCH", () => shanxi.DeclareClearingAsync(declare).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "CLEARING_WRONG_STATUS",
            () => shanxi.PayClearingAsync(new PayClearingRequest { Msgid = Msgid("140000", 22), ClrMonth = "2026-10", MdtrtareaAdmvs = "110000", InsuplcAdmdvs = "140000" }).ResponseAsync);
        await beijing.DeclareClearingAsync(declare);
        // A msgid is answered per declaration: Shanxi's pay under the msgid Beijing declared with is another request.
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "MSGID_REUSED",
            () => shanxi.PayClearingAsync(new PayClearingRequest { Msgid = declare.Msgid, ClrMonth = "2026-10", MdtrtareaAdmvs = "110000", InsuplcAdmdvs = "140000" }).ResponseAsync);
        var bad = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST",
            () => beijing.DeclareClearingAsync(new DeclareClearingRequest { Msgid = "x", ClrMonth = "2026-13", MdtrtareaAdmvs = "11" }).ResponseAsync);
        bad.Names("msgid");
        bad.Names("clr_month");
        bad.Names("mdtrtarea_admvs");
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "CALLER_NOT_ALLOWED",
            () => new ClearingService.ClearingServiceClient(_network[National].As(CallerIdentity.Institution(BeijingHospital))).DeclareClearingAsync(declare).ResponseAsync);
    }

    // ---- A month ----------------------------------------------------------------------------------------------------

    private sealed record SettledMonth(
        List<(SettleResponse Answer, int Sign)> ChildrenInBeijing,
        List<(SettleResponse Answer, int Sign)> BeijingInTaiyuan,
        List<(SettleResponse Answer, int Sign)> TaiyuanInJinzhong,
        List<(SettleResponse Answer, int Sign)> JinzhongInTaiyuan);

    private async Task<SettledMonth> SettleMonthAsync(int month)
    {
        _traffic.Clock.Set(new DateTimeOffset(2026, month, 15, 10, 0, 0, TimeSpan.FromHours(8)));
        var children = new List<(SettleResponse, int)>();
        var stayed = await ReferredChildAsync();
        children.Add(((await _traffic.SettleAsync(BeijingCity, BeijingHospital, stayed, 4000.00m, MedType.Inpatient)).Answer, 1));
        var cancelled = await ReferredChildAsync();
        var (c, _) = await _traffic.SettleAsync(BeijingCity, BeijingHospital, cancelled, 150.00m);
        await _traffic.CancelAsync(BeijingCity, BeijingHospital, cancelled, c);
        children.AddRange([(c, 1), (c, -1)]);
        var reversed = await ReferredChildAsync();
        var (r, rMsgid) = await _traffic.SettleAsync(BeijingCity, BeijingHospital, reversed, 80.00m);
        await _traffic.ReverseAsync(BeijingCity, BeijingHospital, reversed, rMsgid);
        children.AddRange([(r, 1), (r, -1)]);

        var employee = await _network[BeijingCity].AddPersonAsync();
        await _network.FileAsync(employee, FilingClass.Referral, "140000", "2026-06-01");
        var inTaiyuan = (await _traffic.SettleAsync(Taiyuan, TaiyuanHospital, employee, 3000.00m, MedType.Inpatient)).Answer;
        var inJinzhong = (await _traffic.SettleAsync(Jinzhong, JinzhongHospital, await _network[Taiyuan].AddPersonAsync(), 200.00m)).Answer;
        var child = await _network[Jinzhong].AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentMinor);
        var jinzhongChild = (await _traffic.SettleAsync(Taiyuan, TaiyuanHospital, child, 120.00m)).Answer;
        await _traffic.DrainAsync();
        return new SettledMonth(children, [(inTaiyuan, 1)], [(inJinzhong, 1)], [(jinzhongChild, 1)]);
    }

    private async Task<PersonProfile> ReferredChildAsync()
    {
        var child = await _network[Jinzhong].AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentMinor);
        await _network.FileAsync(child, FilingClass.Referral, "110000", "2026-06-01");
        return child;
    }

    // What a declaration of these settlements (sign −1: the reversed row of a cancel or reversal) must say, per fund type.
    private static ClearingSums Expected(IEnumerable<(SettleResponse Answer, int Sign)> rows)
    {
        var sums = new ClearingSums();
        var funds = new SortedDictionary<int, long>();
        foreach (var (answer, sign) in rows)
        {
            var s = answer.Split;
            if (sign > 0)
            {
                sums.SetlCnt++;
            }
            else
            {
                sums.RefdSetlCnt++;
            }

            sums.MedfeeSumamt += sign * s.MedfeeSumamt;
            sums.FundPaySumamt += sign * s.FundPaySumamt;
            sums.AcctPay += sign * s.AcctPay;
            sums.PsnCashPay += sign * s.PsnCashPay;
            sums.ClrSumamt += sign * (s.FundPaySumamt + s.AcctPay);
            foreach (var d in s.Setldetail)
            {
                funds[d.FundPayType] = funds.GetValueOrDefault(d.FundPayType) + (sign * d.FundPayamt);
            }
        }

        sums.Funds.AddRange(funds.Select(f => new LedgerFund { FundPayType = f.Key, FundPayamt = f.Value }));
        return sums;
    }

    private static string Msgid(string admdvs, int n) => $"A{admdvs}00001" + "20260801000000" + n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
}
