using Adjudication.Contracts.V1;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Policy;
using Adjudication.Domain.Settlement;

namespace Adjudication.Node.Tests.Settlement;

/// <summary>
/// The settlement desks in memory over a real store (DESIGN.md §4.2, §3): what a terminal of this city and a treatment
/// city get back, replays decided by the settle script, refusals. Amounts in fen.
/// </summary>
public sealed class SettlementDeskTests : IAsyncLifetime, IDisposable
{
    private readonly DeskSet _desks = new();

    public async Task InitializeAsync()
    {
        await _desks.Policies.PutAsync(DeskPolicies.Employee());
        await _desks.Zones.CacheAsync(DeskPolicies.Zone);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Settle_CivilServantLocalVisit_NamedFieldsAndOneDetailRowPerPayingLayer()
    {
        // Arrange: 100,000 in scope, 4,000 in the account.
        var person = await _desks.AddPersonAsync(balanceFen: 4_000, civilServant: true);
        var mdtrtId = await _desks.OpenVisitAsync(person, 100_000);

        // Act
        var settled = await _desks.Desk.SettleAsync(_desks.Settle(person, mdtrtId), commit: true, context: null);

        // Assert: hifp 80% = 80,000 (limit 300,000), left 20,000; no large-amount below 1,000,000;
        // cvlserv 50% = 10,000 (limit 100,000), left 10,000; fund 90,000; psn 10,000 = account 4,000 + cash 6,000.
        var s = settled.Split;
        Assert.Equal((100_000L, 100_000L, 0L), (s.MedfeeSumamt, s.InscpScpAmt, s.ActPayDedc));
        Assert.Equal((80_000L, 8_000L, 8_000), (s.HifpPay, s.PoolPropSelfpay, s.HifpRatioBp));
        Assert.Equal((10_000L, 0L, 0L, 0L, 0L, 0L), (s.CvlservPay, s.HifesPay, s.HifobPay, s.HifmiPay, s.MafPay, s.OthPay));
        Assert.Equal((90_000L, 10_000L, 4_000L, 6_000L, 0L, 0L), (s.FundPaySumamt, s.PsnPartAmt, s.AcctPay, s.PsnCashPay, s.HospPartAmt, s.Balc));
        Assert.Equal(
            [
                new SettlementDetail { FundPayType = 310100, InscpScpAmt = 100_000, CrtPaybLmtAmt = 300_000, FundPayamt = 80_000 },
                new SettlementDetail { FundPayType = 320100, InscpScpAmt = 20_000, CrtPaybLmtAmt = 100_000, FundPayamt = 10_000 },
            ],
            s.Setldetail);
        var state = await _desks.ReadPersonAsync(person);
        Assert.Equal(80_000, state.Accumulators[AccumulatorId.PaidBy(FundPayType.EmployeePool)].Fen);
        Assert.Equal(10_000, state.Accumulators[AccumulatorId.PaidBy(FundPayType.CivilServantSubsidy)].Fen);
        Assert.Equal(0, state.Balance.Fen);
    }

    [Fact]
    public async Task Settle_SameMsgidAgain_FirstAnswerAndNothingMovesTwice()
    {
        var person = await _desks.AddPersonAsync(enterpriseSupplementary: true);
        var mdtrtId = await _desks.OpenVisitAsync(person, 100_000);
        var request = _desks.Settle(person, mdtrtId);
        var first = await _desks.Desk.SettleAsync(request, commit: true, context: null);
        var before = await _desks.ReadPersonAsync(person);

        var again = await _desks.Desk.SettleAsync(request, commit: true, context: null);

        Assert.Equal(first, again);
        Assert.Equal(before.Accumulators, (await _desks.ReadPersonAsync(person)).Accumulators);
        Assert.Equal(before.Version, (await _desks.ReadPersonAsync(person)).Version);
    }

    [Fact]
    public async Task Settle_SettledVisitUnderAnotherMsgid_VisitAlreadySettled()
    {
        var person = await _desks.AddPersonAsync();
        var mdtrtId = await _desks.OpenVisitAsync(person, 100_000);
        await _desks.Desk.SettleAsync(_desks.Settle(person, mdtrtId), commit: true, context: null);

        var settle = await Assert.ThrowsAsync<AdjudicationException>(() => _desks.Desk.SettleAsync(_desks.Settle(person, mdtrtId), commit: true, context: null));
        var preSettle = await Assert.ThrowsAsync<AdjudicationException>(() => _desks.Desk.SettleAsync(_desks.Settle(person, mdtrtId), commit: false, context: null));

        Assert.Equal(Reasons.VisitAlreadySettled, settle.Reason);
        Assert.Equal(Reasons.VisitAlreadySettled, preSettle.Reason);
    }

    [Fact]
    public async Task Settle_VisitOfAnotherInstitution_PermissionDeniedAndNothingMoves()
    {
        var person = await _desks.AddPersonAsync();
        var mdtrtId = await _desks.OpenVisitAsync(person, 100_000);

        var ex = await Assert.ThrowsAsync<AdjudicationException>(() =>
            _desks.Desk.SettleAsync(_desks.Settle(person, mdtrtId, msgid: "H1401000000220260615100000" + "0001", fixmedinsCode: "H14010000002"), commit: true, context: null));

        Assert.Equal((ErrorKind.PermissionDenied, Reasons.InstitutionMismatch), (ex.Kind, ex.Reason));
        Assert.Equal(YearAccumulators.Empty, (await _desks.ReadPersonAsync(person)).Accumulators);
    }

    [Fact]
    public async Task Adjudicate_VisitSummarizedByTreatmentCity_StoredBytesGoBackAndAReplayReturnsThemUnparsed()
    {
        // Arrange: a visit treated in Jinzhong (same zone), summarized as the treatment city sends it.
        var person = await _desks.AddPersonAsync(enterpriseSupplementary: true);
        var settle = _desks.Settle(person, "140900000000000001");
        var request = new AdjudicateRequest
        {
            Settle = settle,
            Commit = true,
            Visit = new VisitSummary
            {
                MdtrtId = settle.MdtrtId, FixmedinsCode = DeskSet.Hospital, HospLv = Contracts.V1.HospitalLevel.Secondary, MdtrtareaAdmvs = "140900",
                Insutype = Contracts.V1.Insutype.EmployeeBasic, MedType = Contracts.V1.MedType.Inpatient, Begntime = "2026-06-10 09:00:00",
                MedfeeSumamt = 50_000, InscpScpAmt = 50_000,
            },
        };

        // Act
        var first = await _desks.Desk.AdjudicateAsync(request);
        var replay = await _desks.Desk.AdjudicateAsync(request);

        // Assert: hifp 40,000, left 10,000; hifes: yearly burden 0 → 10,000, nothing above 10,000 yet; no row.
        Assert.NotNull(first.Body);
        Assert.Null(replay.Response);
        Assert.Equal(first.Bytes, replay.Bytes);
        var s = SettleResponse.Parser.ParseFrom(first.Bytes).Split;
        Assert.Equal((40_000L, 0L, 40_000L), (s.HifpPay, s.HifesPay, s.FundPaySumamt));
        Assert.Equal([310100], s.Setldetail.Select(d => d.FundPayType));
        Assert.Equal(10_000, (await _desks.ReadPersonAsync(person)).Accumulators[AccumulatorId.BurdenOf(FundPayType.EnterpriseSupplementary)].Fen);
    }

    [Fact]
    public async Task Cancel_SettledVisit_EveryAccumulatorAndTheBalanceRestored()
    {
        var person = await _desks.AddPersonAsync(balanceFen: 4_000, civilServant: true, enterpriseSupplementary: true);
        var mdtrtId = await _desks.OpenVisitAsync(person, 100_000);
        var settled = await _desks.Desk.SettleAsync(_desks.Settle(person, mdtrtId), commit: true, context: null);

        var cancelled = await _desks.Desk.CancelAsync(_desks.Cancel(person, settled), context: null);

        Assert.Equal(settled.Split, cancelled.Restored);
        Assert.Equal(4_000, cancelled.Balc);
        var state = await _desks.ReadPersonAsync(person);
        Assert.Equal(YearAccumulators.Empty, state.Accumulators);
        Assert.Equal(4_000, state.Balance.Fen);
    }

    public void Dispose() => _desks.Dispose();
}
