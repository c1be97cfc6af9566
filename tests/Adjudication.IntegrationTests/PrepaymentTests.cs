using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Security;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;
using static Adjudication.IntegrationTests.Infrastructure.World;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;

namespace Adjudication.IntegrationTests;

/// <summary>
/// Prepayment (预付金) at the national node (DESIGN.md §11) on a six-node network of its own (usage counts every
/// cross-province row of a province, whatever the month): Shanxi deposits four settlements' worth, four Jinzhong
/// children are treated in Beijing one after the other, and the warnings name the settlement that crossed each line.
/// </summary>
public sealed class PrepaymentTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    private const string ShanxiAgencyPrefix = "A14000000001";
    private readonly TestNetwork _network = fixture.Network;
    private readonly ClearingTraffic _traffic = new(fixture.Network);

    [Fact]
    public async Task Prepayment_SettlementsCross70And90_YellowAndRedNameTheSettlementAndTopUpClearsThem()
    {
        // Arrange: four children with the same 4,000.00 stay; a pre-settle (2206) says what each will advance (a),
        // and Shanxi deposits 4a, so the third settlement brings usage to 75% and the fourth to 100%.
        var children = new List<Domain.Persons.PersonProfile>();
        for (var i = 0; i < 4; i++)
        {
            var child = await _network[Jinzhong].AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentMinor);
            await _network.FileAsync(child, FilingClass.Referral, "110000", "2026-06-01");
            children.Add(child);
        }

        var beijing = _network[BeijingCity];
        var probe = await beijing.OpenVisitAsync(children[0], MedType.Inpatient, [Line("1", ClassA, 4000.00m, 1m)], BeijingHospital);
        var dry = (await beijing.Settlement.PreSettleAsync(beijing.NewSettle(children[0], probe, hospital: BeijingHospital))).Split;
        var a = dry.FundPaySumamt + dry.AcctPay;
        Assert.True(a > 0, $"a stay advances {a}");
        var shanxi = _traffic.Prepayment(TerminalInvoker.AgencyOf("140000"));
        var deposit = new DepositPrepaymentRequest { Msgid = Msgid(1), InsuplcAdmdvs = "140000", Amount = 4 * a };
        var deposited = await shanxi.DepositPrepaymentAsync(deposit);

        // Act: each settlement carried up to the national node before the next.
        var settled = new List<SettleResponse>();
        foreach (var child in children)
        {
            var visit = child == children[0] ? probe : await beijing.OpenVisitAsync(child, MedType.Inpatient, [Line("1", ClassA, 4000.00m, 1m)], BeijingHospital);
            settled.Add(await beijing.Settlement.SettleAsync(beijing.NewSettle(child, visit, hospital: BeijingHospital)));
            await _traffic.DrainAsync();
        }

        var red = Assert.Single((await shanxi.GetPrepaymentAsync(new GetPrepaymentRequest { InsuplcAdmdvs = "140000" })).Provinces);
        var due = red.Status.TopupDue;
        var topUp = await shanxi.DepositPrepaymentAsync(new DepositPrepaymentRequest { Msgid = Msgid(2), InsuplcAdmdvs = "140000", Amount = due, TopUp = true });
        var after = Assert.Single((await shanxi.GetPrepaymentAsync(new GetPrepaymentRequest { InsuplcAdmdvs = "140000" })).Provinces);

        // Assert: the deposit alone moved nothing; 3a of 4a is 7,500 bp (yellow at the third settlement), 4a of 4a
        // 10,000 bp (red at the fourth), which opened a top-up of what brings usage under 70%: floor(40a/7) + 1 − 4a.
        Assert.Equal(new PrepaymentStatus { InsuplcAdmdvs = "140000", Prepayment = 4 * a, Level = PrepaymentLevel.Green }, deposited);
        Assert.All(settled, s => Assert.Equal(a, s.Split.FundPaySumamt + s.Split.AcctPay));
        Assert.Equal((40 * a / 7) + 1 - (4 * a), due);
        Assert.Equal(new PrepaymentStatus
        {
            InsuplcAdmdvs = "140000", Prepayment = 4 * a, Advanced = 4 * a, Outstanding = 4 * a, UsageBp = 10_000, Level = PrepaymentLevel.Red, TopupDue = due,
        }, red.Status);
        Assert.Equal(2, red.History.Count);
        AssertEvent(red.History[0], PrepaymentLevel.Yellow, "settlement", settled[2].SetlId, 3 * a, 4 * a, 7_500, 0);
        AssertEvent(red.History[1], PrepaymentLevel.Red, "settlement", settled[3].SetlId, 4 * a, 4 * a, 10_000, due);

        // The top-up clears both: green, usage just under 70%.
        var usage = 4 * a * 10_000 / ((40 * a / 7) + 1);
        Assert.Equal(new PrepaymentStatus
        {
            InsuplcAdmdvs = "140000", Prepayment = (40 * a / 7) + 1, Advanced = 4 * a, Outstanding = 4 * a, UsageBp = usage, Level = PrepaymentLevel.Green,
        }, topUp);
        Assert.True(usage < 7_000, $"usage {usage}");
        Assert.Equal(3, after.History.Count);
        AssertEvent(after.History[2], PrepaymentLevel.Green, "topup", Msgid(2), 4 * a, (40 * a / 7) + 1, usage, 0);
        Assert.Equal(topUp, after.Status);
    }

    [Fact]
    public async Task DepositPrepayment_SameMsgidOtherAmountOrAnotherProvince_RefusedAndReplayAnswersAsBefore()
    {
        // Arrange
        var beijing = _traffic.Prepayment(TerminalInvoker.AgencyOf("110000"));
        var first = new DepositPrepaymentRequest { Msgid = "A11000000001" + "20260101000000" + "0001", InsuplcAdmdvs = "110000", Amount = 1_000_000 };
        var answer = await beijing.DepositPrepaymentAsync(first);

        // Act
        var replay = await beijing.DepositPrepaymentAsync(first);

        // Assert: the replay moved nothing; another amount under the msgid, another province's prepayment, bad input
        // and a city's agency are refused.
        Assert.Equal(answer, replay);
        Assert.Equal(1_000_000, replay.Prepayment);
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "MSGID_REUSED", () => beijing.DepositPrepaymentAsync(new DepositPrepaymentRequest(first) { Amount = 5 }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "AGENCY_MISMATCH", () => beijing.DepositPrepaymentAsync(new DepositPrepaymentRequest(first) { InsuplcAdmdvs = "140000" }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "AGENCY_MISMATCH",
            () => _traffic.Prepayment(TerminalInvoker.AgencyOf("110100")).GetPrepaymentAsync(new GetPrepaymentRequest { InsuplcAdmdvs = "110000" }).ResponseAsync);
        var bad = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST",
            () => beijing.DepositPrepaymentAsync(new DepositPrepaymentRequest { Msgid = "1", InsuplcAdmdvs = "110100", Amount = -1 }).ResponseAsync);
        bad.Names("msgid");
        bad.Names("insuplc_admdvs");
        bad.Names("amount");
        var all = await _traffic.Prepayment(CallerIdentity.Operator("tester")).GetPrepaymentAsync(new GetPrepaymentRequest());
        Assert.Equal(["140000", "110000"], all.Provinces.Select(p => p.Status.InsuplcAdmdvs).Order(StringComparer.Ordinal).Reverse());
    }

    private static void AssertEvent(PrepaymentEvent e, PrepaymentLevel level, string cause, string reference, long outstanding, long prepayment, long usageBp, long topupDue)
    {
        Assert.Equal(level, e.Level);
        Assert.Equal(cause, e.Cause);
        Assert.Equal(reference, e.Reference);
        Assert.Equal(outstanding, e.Outstanding);
        Assert.Equal(prepayment, e.Prepayment);
        Assert.Equal(usageBp, e.UsageBp);
        Assert.Equal(topupDue, e.TopupDue);
    }

    private static string Msgid(int n) => ShanxiAgencyPrefix + "20260101000000" + n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
}
