using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Storage;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests;

/// <summary>
/// Cancel (2208/2305) and reversal (2601) restore exactly what the settlement took (DESIGN.md §4.2 step 8), and a
/// reversed or tombstoned msgid never takes effect (README "Errors").
/// </summary>
public sealed class CancelAndReverseTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly TestNode _node = fixture.Node;

    [Fact]
    public async Task CancelSettlement_AfterSettle_RestoresEveryAccumulatorAndBalanceAndVisitSettlesAgain()
    {
        // Arrange: an employee with 500.00 yuan in the account, and one earlier settlement this year so the state
        // before is not all zeros. Visit A: 150.00 × 1 = 15,000 class A from the account:
        // dedc 15,000 (yearly, of 20,000); eligible 0; hifp 0; acct 15,000 → balance 35,000.
        var person = await _node.AddPersonAsync(balanceFen: 50_000);
        var visitA = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 150.00m, 1m)]);
        await _node.Settlement.SettleAsync(_node.NewSettle(person, visitA, useAccount: true));
        var before = await _node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(15_000, before.Accumulators.DeductibleUsed.Fen);
        Assert.Equal(15_000, before.Accumulators.BurdenCumulative.Fen);
        Assert.Equal(35_000, before.Balance.Fen);

        // Visit X: 200.00 class A = 20,000 + 100.00 class B = 10,000 (preself 1,000, inscp 9,000).
        // medfee 30,000; inscp 29,000; dedc = min(29,000, 20,000 − 15,000) = 5,000; eligible 24,000;
        // hifp = round(24,000 × 55%) = 13,200; pool 10,800; psn_part = 30,000 − 13,200 = 16,800;
        // acct = min(35,000, 16,800) = 16,800; cash 0; balance 18,200.
        var visitX = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 200.00m, 1m), Line("2", ClassB, 100.00m, 1m)]);
        var settled = await _node.Settlement.SettleAsync(_node.NewSettle(person, visitX, useAccount: true));
        var s = settled.Split;
        Assert.Equal(30_000, s.MedfeeSumamt);
        Assert.Equal(1_000, s.PreselfpayAmt);
        Assert.Equal(29_000, s.InscpScpAmt);
        Assert.Equal(5_000, s.ActPayDedc);
        Assert.Equal(13_200, s.HifpPay);
        Assert.Equal(10_800, s.InscpScpAmt - s.ActPayDedc - s.HifpPay);
        Assert.Equal(16_800, s.PsnPartAmt);
        Assert.Equal(16_800, s.AcctPay);
        Assert.Equal(0, s.PsnCashPay);
        Assert.Equal(18_200, s.Balc);
        SplitAssert.Identities(s);

        // The settlement moved the year: dedc 20,000; eligible 24,000; hifp 13,200; burden 15,000 + 15,800 = 30,800.
        var during = await _node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(20_000, during.Accumulators.DeductibleUsed.Fen);
        Assert.Equal(24_000, during.Accumulators.EligibleCumulative.Fen);
        Assert.Equal(13_200, during.Accumulators.BasicPaid.Fen);
        Assert.Equal(30_800, during.Accumulators.BurdenCumulative.Fen);
        Assert.Equal(18_200, during.Balance.Fen);

        // Act: 2208 cancel.
        var cancel = new CancelSettlementRequest
        {
            Msgid = _node.NextMsgid(),
            FixmedinsCode = Hospital,
            PsnNo = person.PsnNo,
            InsuplcAdmdvs = City,
            MdtrtId = visitX,
            SetlId = settled.SetlId,
        };
        var cancelled = await _node.Settlement.CancelSettlementAsync(cancel);

        // Assert: the response gives back the settlement's split and the balance before it.
        Assert.Equal(settled.SetlId, cancelled.SetlId);
        Assert.Equal(s, cancelled.Restored);
        Assert.Equal(35_000, cancelled.Balc);

        // Every accumulator and the balance are exactly as before the settlement, field by field.
        var after = await _node.ReadPersonAsync(person.PsnNo);
        AssertSameState(before, after);

        // A retried cancel answers the same; a new cancel of the same settlement is refused.
        Assert.Equal(cancelled, await _node.Settlement.CancelSettlementAsync(cancel));
        var again = cancel.Clone();
        again.Msgid = _node.NextMsgid();
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "SETTLEMENT_ALREADY_CANCELLED", () => _node.Settlement.CancelSettlementAsync(again).ResponseAsync);
        AssertSameState(before, await _node.ReadPersonAsync(person.PsnNo));

        // Act: the reopened visit settles again with a new msgid.
        var resettled = await _node.Settlement.SettleAsync(_node.NewSettle(person, visitX, useAccount: true));

        // Assert: the same numbers as the first time (the state was restored exactly), a new setl_id.
        Assert.Equal(s, resettled.Split);
        Assert.NotEqual(settled.SetlId, resettled.SetlId);
        var final = await _node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(during.Accumulators, final.Accumulators);
        Assert.Equal(18_200, final.Balance.Fen);
    }

    [Fact]
    public async Task Reverse_AfterOriginalSettle_ReversedRestoresAndRetryOfOriginalIsMsgidReversed()
    {
        // Arrange: 300.00 × 1 = 30,000 class A outpatient, from the account (1,000.00 yuan):
        // dedc 20,000; eligible 10,000; hifp 5,500; psn_part 24,500 → acct 24,500; balance 75,500.
        var person = await _node.AddPersonAsync(balanceFen: 100_000);
        var visit = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);
        var before = await _node.ReadPersonAsync(person.PsnNo);
        var original = _node.NewSettle(person, visit, useAccount: true);
        var settled = await _node.Settlement.SettleAsync(original);
        Assert.Equal(5_500, settled.Split.HifpPay);
        Assert.Equal(24_500, settled.Split.AcctPay);
        Assert.Equal(75_500, (await _node.ReadPersonAsync(person.PsnNo)).Balance.Fen);

        // Act: the terminal never saw the answer and reverses the settle by its msgid (2601, oinfno 2207).
        var reverse = NewReverse(person, original.Msgid);
        var reversed = await _node.Settlement.ReverseAsync(reverse);

        // Assert: the settlement was found and undone; every accumulator and the balance are back.
        Assert.Equal(ReverseOutcome.Reversed, reversed.Outcome);
        Assert.Equal(settled.SetlId, reversed.SetlId);
        AssertSameState(before, await _node.ReadPersonAsync(person.PsnNo));
        Assert.Equal(reversed, await _node.Settlement.ReverseAsync(reverse));

        // A late retry of the original msgid never takes effect.
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "MSGID_REVERSED", () => _node.Settlement.SettleAsync(original).ResponseAsync);
        AssertSameState(before, await _node.ReadPersonAsync(person.PsnNo));

        // The visit itself settles with a new msgid, to the same numbers.
        var fresh = await _node.Settlement.SettleAsync(_node.NewSettle(person, visit, useAccount: true));
        Assert.Equal(settled.Split, fresh.Split);
    }

    [Fact]
    public async Task Reverse_BeforeOriginalArrives_TombstonedAndLateOriginalIsMsgidReversed()
    {
        // Arrange: an open visit, 300.00 × 1 = 30,000 class A.
        var person = await _node.AddPersonAsync(balanceFen: 100_000);
        var visit = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);
        var before = await _node.ReadPersonAsync(person.PsnNo);
        var original = _node.NewSettle(person, visit, useAccount: true);

        // Act: the reversal overtakes the original.
        var reverse = NewReverse(person, original.Msgid);
        var tombstoned = await _node.Settlement.ReverseAsync(reverse);

        // Assert: nothing to undo, a tombstone; the late original is refused and moves nothing.
        Assert.Equal(ReverseOutcome.Tombstoned, tombstoned.Outcome);
        Assert.Equal(string.Empty, tombstoned.SetlId);
        Assert.Equal(tombstoned, await _node.Settlement.ReverseAsync(reverse));
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "MSGID_REVERSED", () => _node.Settlement.SettleAsync(original).ResponseAsync);
        AssertSameState(before, await _node.ReadPersonAsync(person.PsnNo));

        // The visit is still open: a new msgid settles it (dedc 20,000, hifp 5,500, acct 24,500).
        var settled = await _node.Settlement.SettleAsync(_node.NewSettle(person, visit, useAccount: true));
        Assert.Equal(5_500, settled.Split.HifpPay);
        Assert.Equal(24_500, settled.Split.AcctPay);
        Assert.Equal(75_500, settled.Split.Balc);
    }

    [Fact]
    public async Task Reverse_OtherTransaction_FailedPreconditionReversalNotSupported()
    {
        var person = await _node.AddPersonAsync();
        var reverse = NewReverse(person, _node.NextMsgid());
        reverse.Oinfno = "2204";

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "REVERSAL_NOT_SUPPORTED", () => _node.Settlement.ReverseAsync(reverse).ResponseAsync);
    }

    private ReverseRequest NewReverse(Domain.Persons.PersonProfile person, string omsgid) => new()
    {
        Msgid = _node.NextMsgid(),
        FixmedinsCode = Hospital,
        PsnNo = person.PsnNo,
        InsuplcAdmdvs = City,
        Omsgid = omsgid,
        Oinfno = "2207",
    };

    private static void AssertSameState(PersonSnapshot expected, PersonSnapshot actual)
    {
        Assert.Equal(expected.Accumulators.DeductibleUsed, actual.Accumulators.DeductibleUsed);
        Assert.Equal(expected.Accumulators.EligibleCumulative, actual.Accumulators.EligibleCumulative);
        Assert.Equal(expected.Accumulators.BasicPaid, actual.Accumulators.BasicPaid);
        Assert.Equal(expected.Accumulators.BurdenCumulative, actual.Accumulators.BurdenCumulative);
        Assert.Equal(expected.Accumulators.SecondLayerPaid, actual.Accumulators.SecondLayerPaid);
        Assert.Equal(expected.Accumulators.AssistancePaid, actual.Accumulators.AssistancePaid);
        Assert.Equal(expected.Balance, actual.Balance);
        Assert.Equal(expected.Year, actual.Year);
    }
}
