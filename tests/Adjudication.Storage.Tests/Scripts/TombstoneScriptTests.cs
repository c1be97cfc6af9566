using Adjudication.Storage.Contract;
using Adjudication.Storage.Tests.Infrastructure;

namespace Adjudication.Storage.Tests.Scripts;

/// <summary>Every reply of tombstone.lua against a real store: a reversal (2601) of a msgid that never arrived.</summary>
public sealed class TombstoneScriptTests : IDisposable
{
    private readonly StoreSet _stores = new();

    [Fact]
    public async Task Tombstone_OriginalNeverArrived_TombstonedAndTheOriginalIsMarked()
    {
        var person = await _stores.AddPersonAsync();
        var original = _stores.NextMsgid();

        var result = await _stores.Settlements.TombstoneAsync(person.InsuplcAdmdvs, person.PsnNo, _stores.NextMsgid(), StoreSet.DigestOf("2601"), original);

        Assert.Equal(TombstoneResult.Tombstoned, result);
        Assert.Equal("tombstone", (await _stores.Settlements.GetMessageAsync(person.InsuplcAdmdvs, person.PsnNo, original))!.Operation);
    }

    [Fact]
    public async Task Tombstone_SameReversalAgain_Replayed()
    {
        var person = await _stores.AddPersonAsync();
        var (reversal, original) = (_stores.NextMsgid(), _stores.NextMsgid());
        await _stores.Settlements.TombstoneAsync(person.InsuplcAdmdvs, person.PsnNo, reversal, StoreSet.DigestOf("2601"), original);

        var result = await _stores.Settlements.TombstoneAsync(person.InsuplcAdmdvs, person.PsnNo, reversal, StoreSet.DigestOf("2601"), original);

        Assert.Equal(TombstoneResult.Replayed, result);
    }

    [Fact]
    public async Task Tombstone_ReversalMsgidOtherPayload_MsgidConflict()
    {
        var person = await _stores.AddPersonAsync();
        var reversal = _stores.NextMsgid();
        await _stores.Settlements.TombstoneAsync(person.InsuplcAdmdvs, person.PsnNo, reversal, StoreSet.DigestOf("2601"), _stores.NextMsgid());

        var result = await _stores.Settlements.TombstoneAsync(person.InsuplcAdmdvs, person.PsnNo, reversal, StoreSet.DigestOf("other"), _stores.NextMsgid());

        Assert.Equal(TombstoneResult.MsgidConflict, result);
    }

    [Fact]
    public async Task Tombstone_OriginalArrivedMeanwhile_OriginalArrivedAndNoTombstone()
    {
        // Arrange: the original settle committed before the tombstone script ran.
        var person = await _stores.AddPersonAsync();
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        var (snapshot, commit) = await _stores.ComputeAsync(person, visit, Policies.Outpatient(), _stores.NextMsgid());
        await _stores.Settlements.CommitAsync(snapshot, visit, commit);

        // Act
        var result = await _stores.Settlements.TombstoneAsync(person.InsuplcAdmdvs, person.PsnNo, _stores.NextMsgid(), StoreSet.DigestOf("2601"), commit.Msgid);

        // Assert
        Assert.Equal(TombstoneResult.OriginalArrived, result);
        Assert.Equal("settle", (await _stores.Settlements.GetMessageAsync(person.InsuplcAdmdvs, person.PsnNo, commit.Msgid))!.Operation);
    }

    public void Dispose() => _stores.Dispose();
}
