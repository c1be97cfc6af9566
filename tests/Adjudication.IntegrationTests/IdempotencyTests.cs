using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests;

/// <summary>
/// msgid is the idempotency key of every mutating call (DESIGN.md §2, §4 invariants): the same msgid and payload
/// returns the first answer and moves nothing; the same msgid with another payload is ALREADY_EXISTS (§7).
/// </summary>
public sealed class IdempotencyTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly TestNode _node = fixture.Node;

    [Fact]
    public async Task Settle_SameRequestTwice_SameResponseAndAccumulatorsMoveOnce()
    {
        // Arrange: an employee; visit 1 is a general outpatient visit at the tertiary hospital, 60.00 × 2 = 12,000 class A.
        var person = await _node.AddPersonAsync();
        var visit1 = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 60.00m, 2m)]);
        var request = _node.NewSettle(person, visit1);

        // Act: the terminal times out and retries the identical request.
        var first = await _node.Settlement.SettleAsync(request);
        var retry = await _node.Settlement.SettleAsync(request);

        // Assert: the identical response, same setl_id.
        // Visit 1: inscp 12,000 < yearly deductible 20,000 → act_pay_dedc 12,000, eligible 0, hifp 0, cash 12,000.
        Assert.Equal(first, retry);
        Assert.Equal(first.SetlId, retry.SetlId);
        Assert.Equal(12_000, first.Split.ActPayDedc);
        Assert.Equal(0, first.Split.HifpPay);
        Assert.Equal(12_000, first.Split.PsnCashPay);

        // Visit 2 proves the deductible counted once: 100.00 × 1 = 10,000 class A.
        // Counted once: used 12,000 → act_pay_dedc = min(10,000, 20,000 − 12,000) = 8,000; eligible 2,000;
        // hifp = round(2,000 × 55%) = 1,100; pool 900; cash = 10,000 − 1,100 = 8,900.
        // (Counted twice, used 24,000 would leave no deductible: act_pay_dedc 0, hifp 5,500.)
        var visit2 = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 100.00m, 1m)]);
        var second = await _node.Settlement.SettleAsync(_node.NewSettle(person, visit2));
        Assert.Equal(8_000, second.Split.ActPayDedc);
        Assert.Equal(1_100, second.Split.HifpPay);
        Assert.Equal(900, second.Split.InscpScpAmt - second.Split.ActPayDedc - second.Split.HifpPay);
        Assert.Equal(8_900, second.Split.PsnCashPay);
        SplitAssert.Identities(second.Split);

        // And the stored year: dedc 12,000 + 8,000 = 20,000; eligible 0 + 2,000; hifp 0 + 1,100;
        // burden (inscp − hifp) 12,000 + 8,900 = 20,900.
        var state = await _node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(20_000, state.Accumulators.DeductibleUsed.Fen);
        Assert.Equal(2_000, state.Accumulators.EligibleCumulative.Fen);
        Assert.Equal(1_100, state.Accumulators.BasicPaid.Fen);
        Assert.Equal(20_900, state.Accumulators.BurdenCumulative.Fen);
    }

    [Fact]
    public async Task Settle_SameRequestConcurrently_OneSettlementAndEveryCallerGetsIt()
    {
        // Arrange: 300.00 × 1 = 30,000 class A, outpatient: dedc 20,000; eligible 10,000; hifp = 5,500.
        var person = await _node.AddPersonAsync(balanceFen: 50_000);
        var visit = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);
        var request = _node.NewSettle(person, visit, useAccount: true);

        // Act: eight terminals' retries of one request race.
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _node.Settlement.SettleAsync(request).ResponseAsync));

        // Assert: one settlement; psn_part = 30,000 − 5,500 = 24,500 paid from the account, balance 25,500.
        Assert.All(responses, r => Assert.Equal(responses[0], r));
        Assert.Equal(5_500, responses[0].Split.HifpPay);
        Assert.Equal(24_500, responses[0].Split.AcctPay);
        var state = await _node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(20_000, state.Accumulators.DeductibleUsed.Fen);
        Assert.Equal(10_000, state.Accumulators.EligibleCumulative.Fen);
        Assert.Equal(5_500, state.Accumulators.BasicPaid.Fen);
        Assert.Equal(25_500, state.Balance.Fen);
    }

    [Fact]
    public async Task Settle_SameMsgidDifferentPayload_AlreadyExistsMsgidReusedAndNothingMoves()
    {
        // Arrange: a settled visit (200.00 = 20,000 class A: all deductible), and a second, open visit.
        var person = await _node.AddPersonAsync(balanceFen: 10_000);
        var visit = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 200.00m, 1m)]);
        var otherVisit = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 50.00m, 1m)]);
        var request = _node.NewSettle(person, visit);
        var first = await _node.Settlement.SettleAsync(request);
        var before = await _node.ReadPersonAsync(person.PsnNo);

        // Act + Assert: the same msgid now asking to pay from the account (the visit is settled: the replay path).
        var flipped = request.Clone();
        flipped.AcctUsedFlag = true;
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "MSGID_REUSED", () => _node.Settlement.SettleAsync(flipped).ResponseAsync);

        // The same msgid naming another, open visit (the commit path).
        var elsewhere = request.Clone();
        elsewhere.MdtrtId = otherVisit;
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "MSGID_REUSED", () => _node.Settlement.SettleAsync(elsewhere).ResponseAsync);

        // Nothing moved, the other visit is still open, and the original request still replays.
        var after = await _node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(before.Accumulators, after.Accumulators);
        Assert.Equal(10_000, after.Balance.Fen);
        Assert.Equal(first, await _node.Settlement.SettleAsync(request));
        var otherSettled = await _node.Settlement.SettleAsync(_node.NewSettle(person, otherVisit));
        Assert.NotEqual(first.SetlId, otherSettled.SetlId);
    }

    [Fact]
    public async Task Settle_SameMsgidForAnotherPerson_SettlesSeparatelyBecauseMsgidIsScopedToThePerson()
    {
        // Arrange: idempotency records live in the person's hash slot (one script, one slot), so a msgid is unique per
        // person: a retry always names the same person, and a terminal that reuses a msgid for another person gets
        // an independent settlement (README "msgid scope"). Both people are charged once.
        var a = await _node.AddPersonAsync();
        var b = await _node.AddPersonAsync();
        var visitA = await _node.OpenVisitAsync(a, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);
        var visitB = await _node.OpenVisitAsync(b, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);
        var requestA = _node.NewSettle(a, visitA);
        var settledA = await _node.Settlement.SettleAsync(requestA);
        var requestB = _node.NewSettle(b, visitB);
        requestB.Msgid = requestA.Msgid;

        // Act
        var settledB = await _node.Settlement.SettleAsync(requestB);
        var retryB = await _node.Settlement.SettleAsync(requestB);

        // Assert: two settlements, each person's accumulators moved by exactly one bill, retries replay.
        Assert.NotEqual(settledA.SetlId, settledB.SetlId);
        Assert.Equal(settledB, retryB);
        Assert.Equal((await _node.ReadPersonAsync(a.PsnNo)).Accumulators, (await _node.ReadPersonAsync(b.PsnNo)).Accumulators);
        Assert.Equal(30_000, (await _node.ReadPersonAsync(b.PsnNo)).Accumulators.EligibleCumulative.Fen + (await _node.ReadPersonAsync(b.PsnNo)).Accumulators.DeductibleUsed.Fen);
    }

    [Fact]
    public async Task Discharge_SameMsgidDifferentEndtime_AlreadyExistsMsgidReused()
    {
        // Arrange: an admission discharged once.
        var person = await _node.AddPersonAsync();
        var visit = await _node.RegisterVisitAsync(person, MedType.Inpatient);
        var discharge = new DischargeRequest
        {
            Msgid = _node.NextMsgid(),
            FixmedinsCode = Hospital,
            PsnNo = person.PsnNo,
            InsuplcAdmdvs = City,
            MdtrtId = visit,
            Endtime = "2026-06-12 10:00:00",
        };
        await _node.Settlement.DischargeAsync(discharge);

        // Act: a retry answers the same; the same msgid with another discharge time is a different request.
        Assert.Equal(visit, (await _node.Settlement.DischargeAsync(discharge)).MdtrtId);
        var changed = discharge.Clone();
        changed.Endtime = "2026-06-14 10:00:00";

        // Assert: refused, and the stored discharge time is still the first one.
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "MSGID_REUSED", () => _node.Settlement.DischargeAsync(changed).ResponseAsync);
        var stored = await _node.ReadVisitAsync(person.PsnNo, visit);
        Assert.Equal(new DateTime(2026, 6, 12, 10, 0, 0, DateTimeKind.Unspecified), stored!.Visit.EndTime);
    }

    [Fact]
    public async Task RegisterVisit_SameMsgidDifferentPayload_AlreadyExistsMsgidReused()
    {
        // Arrange
        var person = await _node.AddPersonAsync();
        var request = _node.NewRegistration(person, MedType.GeneralOutpatient);
        var first = await _node.Settlement.RegisterVisitAsync(request);

        // Act
        var replay = await _node.Settlement.RegisterVisitAsync(request);
        var changed = request.Clone();
        changed.MedType = MedType.Inpatient;

        // Assert: the replay answers the first mdtrt_id; the changed payload is refused.
        Assert.Equal(first.MdtrtId, replay.MdtrtId);
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "MSGID_REUSED", () => _node.Settlement.RegisterVisitAsync(changed).ResponseAsync);
    }

    [Fact]
    public async Task UploadFees_SameLineAgain_NoOpAndChangedLineFeeLineConflict()
    {
        // Arrange: 1 × 20.00 class A.
        var person = await _node.AddPersonAsync();
        var visit = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 20.00m, 1m)]);

        // Act: the identical line again, plus a new one (10.00 × 3 = 3,000).
        var again = await _node.UploadAsync(person, visit, [Line("1", ClassA, 20.00m, 1m), Line("2", ClassA, 10.00m, 3m)]);

        // Assert: the first line counted once: 2,000 + 3,000 = 5,000. A changed line under a used feedetl_sn is refused.
        Assert.Equal(5_000, again.MedfeeSumamt);
        await RpcAssert.FailsAsync(
            StatusCode.AlreadyExists,
            "FEE_LINE_CONFLICT",
            () => _node.Settlement.UploadFeesAsync(_node.NewUpload(person, visit, [Line("1", ClassA, 20.00m, 2m)])).ResponseAsync);
        var pre = await _node.Settlement.PreSettleAsync(_node.NewSettle(person, visit));
        Assert.Equal(5_000, pre.Split.MedfeeSumamt);
    }
}
