using Adjudication.Domain.Policy;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Units;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Tests.Infrastructure;

namespace Adjudication.Storage.Tests.Scripts;

/// <summary>Every reply of settle.lua against a real store (DESIGN.md §4.2 step 8, §6). Amounts in fen.</summary>
public sealed class SettleScriptTests : IDisposable
{
    private readonly StoreSet _stores = new();

    [Fact]
    public async Task Commit_FreshSnapshots_CommittedWithEveryAccumulatorBalanceAndVisit()
    {
        // Arrange: a civil servant, 10,000 in scope: hifp 60% = 6,000; left 4,000; cvlserv 50% = 2,000; account 3,000 of 2,000 owed.
        var person = await _stores.AddPersonAsync(balanceFen: 3_000, civilServant: true);
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        var (snapshot, commit) = await _stores.ComputeAsync(person, visit, Policies.Outpatient(), _stores.NextMsgid());

        // Act
        var (result, body, setlId) = await _stores.Settlements.CommitAsync(snapshot, visit, commit);

        // Assert: what Redis holds now, read past the near cache.
        Assert.Equal(SettleResult.Committed, result);
        Assert.Equal(commit.ResponseBody, body);
        Assert.Equal(commit.SetlId, setlId);
        _stores.Persons.Forget(person.InsuplcAdmdvs, person.PsnNo);
        var after = (await _stores.Persons.GetAsync(person.InsuplcAdmdvs, person.PsnNo))!;
        Assert.Equal(
            YearAccumulators.Of(
                new(AccumulatorId.EligibleCumulative, new Money(10_000)),
                new(AccumulatorId.BurdenCumulative, new Money(4_000)),
                new(AccumulatorId.PaidBy(FundPayType.EmployeePool), new Money(6_000)),
                new(AccumulatorId.PaidBy(FundPayType.CivilServantSubsidy), new Money(2_000))),
            after.Accumulators);
        Assert.Equal(1_000, after.Balance.Fen);
        var settled = (await _stores.Visits.GetAsync(person.InsuplcAdmdvs, person.PsnNo, visit.Visit.MdtrtId))!;
        Assert.Equal(Domain.Visits.VisitStatus.Settled, settled.Status);
        Assert.Equal(commit.SetlId, settled.SetlId);
    }

    [Fact]
    public async Task Commit_SameMsgidAndPayloadAgain_ReplayedWithFirstBodyAndNothingMovesTwice()
    {
        var person = await _stores.AddPersonAsync();
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        var (snapshot, commit) = await _stores.ComputeAsync(person, visit, Policies.Outpatient(), _stores.NextMsgid());
        await _stores.Settlements.CommitAsync(snapshot, visit, commit);

        // Act: the retry carries another setl_id and body, as a recomputation would.
        var (result, body, _) = await _stores.Settlements.CommitAsync(snapshot, visit, commit with { SetlId = "Sother", ResponseBody = [1, 2, 3] });

        // Assert
        Assert.Equal(SettleResult.Replayed, result);
        Assert.Equal(commit.ResponseBody, body);
        Assert.Equal(6_000, (await FreshAsync(person)).Accumulators[AccumulatorId.PaidBy(FundPayType.EmployeePool)].Fen);
    }

    [Fact]
    public async Task Commit_SameMsgidOtherPayload_MsgidConflict()
    {
        var person = await _stores.AddPersonAsync();
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        var msgid = _stores.NextMsgid();
        var (snapshot, commit) = await _stores.ComputeAsync(person, visit, Policies.Outpatient(), msgid);
        await _stores.Settlements.CommitAsync(snapshot, visit, commit);

        var (result, _, _) = await _stores.Settlements.CommitAsync(snapshot, visit, commit with { Digest = StoreSet.DigestOf("another payload") });

        Assert.Equal(SettleResult.MsgidConflict, result);
    }

    [Fact]
    public async Task Commit_MsgidTombstonedByReversal_MsgidReversedAndNothingCommitted()
    {
        var person = await _stores.AddPersonAsync();
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        var msgid = _stores.NextMsgid();
        Assert.Equal(TombstoneResult.Tombstoned, await _stores.Settlements.TombstoneAsync(person.InsuplcAdmdvs, person.PsnNo, _stores.NextMsgid(), StoreSet.DigestOf("2601"), msgid));
        var (snapshot, commit) = await _stores.ComputeAsync(person, visit, Policies.Outpatient(), msgid);

        var (result, _, _) = await _stores.Settlements.CommitAsync(snapshot, visit, commit);

        Assert.Equal(SettleResult.MsgidReversed, result);
        Assert.Equal(YearAccumulators.Empty, (await FreshAsync(person)).Accumulators);
    }

    [Fact]
    public async Task Commit_LocalVisitNotStored_VisitNotFound()
    {
        var person = await _stores.AddPersonAsync();
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        var ghost = visit with { Visit = visit.Visit with { MdtrtId = "140100999999999999" } };
        var (snapshot, commit) = await _stores.ComputeAsync(person, ghost, Policies.Outpatient(), _stores.NextMsgid());

        var (result, _, _) = await _stores.Settlements.CommitAsync(snapshot, ghost, commit);

        Assert.Equal(SettleResult.VisitNotFound, result);
        Assert.Equal(YearAccumulators.Empty, (await FreshAsync(person)).Accumulators);
    }

    [Fact]
    public async Task Commit_VisitSettledByAnotherMsgid_VisitClosedNamingThatSettlement()
    {
        var person = await _stores.AddPersonAsync();
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        var (snapshot, first) = await _stores.ComputeAsync(person, visit, Policies.Outpatient(), _stores.NextMsgid());
        await _stores.Settlements.CommitAsync(snapshot, visit, first);
        var (_, second) = await _stores.ComputeAsync(person, visit, Policies.Outpatient(), _stores.NextMsgid());

        var (result, _, setlId) = await _stores.Settlements.CommitAsync(snapshot, visit, second);

        Assert.Equal(SettleResult.VisitClosed, result);
        Assert.Equal(first.SetlId, setlId);
    }

    [Fact]
    public async Task Commit_PersonChangedSinceSnapshot_StaleAndNothingCommitted()
    {
        // Arrange: two visits computed from one snapshot; the first commit moves the person's version.
        var person = await _stores.AddPersonAsync();
        var one = await _stores.OpenVisitAsync(person, 10_000);
        var two = await _stores.OpenVisitAsync(person, 20_000);
        var (snapshot, first) = await _stores.ComputeAsync(person, one, Policies.Outpatient(), _stores.NextMsgid());
        var (_, second) = await _stores.ComputeAsync(person, two, Policies.Outpatient(), _stores.NextMsgid());
        await _stores.Settlements.CommitAsync(snapshot, one, first);

        // Act
        var (result, _, _) = await _stores.Settlements.CommitAsync(snapshot, two, second);

        // Assert: only the first settlement counts.
        Assert.Equal(SettleResult.Stale, result);
        Assert.Equal(10_000, (await FreshAsync(person)).Accumulators[AccumulatorId.EligibleCumulative].Fen);
        Assert.Equal(Domain.Visits.VisitStatus.Open, (await _stores.Visits.GetAsync(person.InsuplcAdmdvs, person.PsnNo, two.Visit.MdtrtId))!.Status);
    }

    [Fact]
    public async Task Replay_MsgidThatSettledTheVisit_ReplayedWithItsBody()
    {
        var person = await _stores.AddPersonAsync();
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        var (snapshot, commit) = await _stores.ComputeAsync(person, visit, Policies.Outpatient(), _stores.NextMsgid());
        await _stores.Settlements.CommitAsync(snapshot, visit, commit);

        var (result, body, _) = await _stores.Settlements.ReplayAsync(person.InsuplcAdmdvs, person.PsnNo, visit.Visit.MdtrtId, commit.Msgid, commit.Digest);

        Assert.Equal(SettleResult.Replayed, result);
        Assert.Equal(commit.ResponseBody, body);
    }

    [Fact]
    public async Task Replay_VisitStillOpen_StaleAndNothingWritten()
    {
        // Arrange: a replay probe of a visit that is open after all (a stale near cache) must commit nothing.
        var person = await _stores.AddPersonAsync();
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        var msgid = _stores.NextMsgid();

        // Act
        var (result, _, _) = await _stores.Settlements.ReplayAsync(person.InsuplcAdmdvs, person.PsnNo, visit.Visit.MdtrtId, msgid, StoreSet.DigestOf("settle"));

        // Assert
        Assert.Equal(SettleResult.Stale, result);
        Assert.Null(await _stores.Settlements.GetMessageAsync(person.InsuplcAdmdvs, person.PsnNo, msgid));
        Assert.Equal(YearAccumulators.Empty, (await FreshAsync(person)).Accumulators);
        Assert.Equal(Domain.Visits.VisitStatus.Open, (await _stores.Visits.GetAsync(person.InsuplcAdmdvs, person.PsnNo, visit.Visit.MdtrtId))!.Status);
    }

    private async Task<PersonSnapshot> FreshAsync(Domain.Persons.PersonProfile person)
    {
        _stores.Persons.Forget(person.InsuplcAdmdvs, person.PsnNo);
        return (await _stores.Persons.GetAsync(person.InsuplcAdmdvs, person.PsnNo))!;
    }

    public void Dispose() => _stores.Dispose();
}
