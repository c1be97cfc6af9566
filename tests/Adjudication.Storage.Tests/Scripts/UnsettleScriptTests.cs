using Adjudication.Domain.Persons;
using Adjudication.Domain.Settlement;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Tests.Infrastructure;

namespace Adjudication.Storage.Tests.Scripts;

/// <summary>Every reply of unsettle.lua against a real store (DESIGN.md §4.2 step 8: a cancel restores exactly what the settle took).</summary>
public sealed class UnsettleScriptTests : IDisposable
{
    private readonly StoreSet _stores = new();

    [Fact]
    public async Task Cancel_CommittedSettlement_UndoneAndEveryAccumulatorAndTheBalanceRestored()
    {
        // Arrange: a civil servant, so four layer and measure accumulators move, and the account pays.
        var (person, setlId, mdtrtId) = await SettledAsync(civilServant: true, balanceFen: 5_000);

        // Act
        var (result, balance, undone) = await Cancel(person, setlId, mdtrtId, _stores.NextMsgid());

        // Assert
        Assert.Equal(UnsettleResult.Undone, result);
        Assert.Equal(setlId, undone);
        Assert.Equal(5_000, balance.Fen);
        var after = await FreshAsync(person);
        Assert.Equal(YearAccumulators.Empty, after.Accumulators);
        Assert.All(after.Accumulators.Entries.ToArray(), e => Assert.Equal(0, e.Amount.Fen));
        Assert.Equal(5_000, after.Balance.Fen);
        Assert.Equal(Domain.Visits.VisitStatus.Open, (await _stores.Visits.GetAsync(person.InsuplcAdmdvs, person.PsnNo, mdtrtId))!.Status);
    }

    [Fact]
    public async Task Cancel_SameMsgidAgain_ReplayedWithSettlementAndBalance()
    {
        var (person, setlId, mdtrtId) = await SettledAsync(balanceFen: 5_000);
        var msgid = _stores.NextMsgid();
        await Cancel(person, setlId, mdtrtId, msgid);

        var (result, balance, undone) = await Cancel(person, setlId, mdtrtId, msgid);

        Assert.Equal(UnsettleResult.Replayed, result);
        Assert.Equal(setlId, undone);
        Assert.Equal(5_000, balance.Fen);
    }

    [Fact]
    public async Task Cancel_SameMsgidOtherPayload_MsgidConflict()
    {
        var (person, setlId, mdtrtId) = await SettledAsync();
        var msgid = _stores.NextMsgid();
        await Cancel(person, setlId, mdtrtId, msgid);

        var (result, _, _) = await _stores.Settlements.UnsettleAsync(person.InsuplcAdmdvs, person.PsnNo, msgid, StoreSet.DigestOf("other"), setlId, mdtrtId, reverseOf: null, reversedRow: null);

        Assert.Equal(UnsettleResult.MsgidConflict, result);
    }

    [Fact]
    public async Task Cancel_UnknownSettlement_SettlementNotFound()
    {
        var (person, _, mdtrtId) = await SettledAsync();

        var (result, _, _) = await Cancel(person, "Snosuchsettlement", mdtrtId, _stores.NextMsgid());

        Assert.Equal(UnsettleResult.SettlementNotFound, result);
    }

    [Fact]
    public async Task Cancel_AlreadyCancelledByAnotherMsgid_AlreadyUndoneAndNothingRestoredTwice()
    {
        var (person, setlId, mdtrtId) = await SettledAsync(balanceFen: 5_000);
        await Cancel(person, setlId, mdtrtId, _stores.NextMsgid());

        var (result, _, _) = await Cancel(person, setlId, mdtrtId, _stores.NextMsgid());

        Assert.Equal(UnsettleResult.AlreadyUndone, result);
        Assert.Equal(YearAccumulators.Empty, (await FreshAsync(person)).Accumulators);
        Assert.Equal(5_000, (await FreshAsync(person)).Balance.Fen);
    }

    private async Task<(PersonProfile Person, string SetlId, string MdtrtId)> SettledAsync(bool civilServant = false, long balanceFen = 0)
    {
        var person = await _stores.AddPersonAsync(balanceFen, civilServant);
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        var (snapshot, commit) = await _stores.ComputeAsync(person, visit, Policies.Outpatient(), _stores.NextMsgid());
        Assert.Equal(SettleResult.Committed, (await _stores.Settlements.CommitAsync(snapshot, visit, commit)).Result);
        Assert.NotEqual(YearAccumulators.Empty, (await FreshAsync(person)).Accumulators);
        return (person, commit.SetlId, visit.Visit.MdtrtId);
    }

    private Task<(UnsettleResult Result, Domain.Units.Money BalanceAfter, string SetlId)> Cancel(PersonProfile person, string setlId, string mdtrtId, string msgid) =>
        _stores.Settlements.UnsettleAsync(person.InsuplcAdmdvs, person.PsnNo, msgid, StoreSet.DigestOf("cancel " + setlId), setlId, mdtrtId, reverseOf: null, reversedRow: null);

    private async Task<PersonSnapshot> FreshAsync(PersonProfile person)
    {
        _stores.Persons.Forget(person.InsuplcAdmdvs, person.PsnNo);
        return (await _stores.Persons.GetAsync(person.InsuplcAdmdvs, person.PsnNo))!;
    }

    public void Dispose() => _stores.Dispose();
}
