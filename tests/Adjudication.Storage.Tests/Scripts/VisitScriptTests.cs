using Adjudication.Storage.Contract;
using Adjudication.Storage.Ledger;
using Adjudication.Storage.Tests.Infrastructure;

namespace Adjudication.Storage.Tests.Scripts;

/// <summary>Every reply of register_visit.lua, upload_fees.lua and record_settled.lua against a real store.</summary>
public sealed class VisitScriptTests : IDisposable
{
    private readonly StoreSet _stores = new();

    [Fact]
    public async Task Register_NewMsgid_RegisteredAndOpen()
    {
        var person = await _stores.AddPersonAsync();
        var visit = _stores.NewVisit(person);

        var (result, mdtrtId) = await _stores.Visits.RegisterAsync(visit, _stores.NextMsgid(), StoreSet.DigestOf("2201"));

        Assert.Equal(RegisterVisitResult.Registered, result);
        Assert.Equal(visit.MdtrtId, mdtrtId);
        Assert.Equal(Domain.Visits.VisitStatus.Open, (await _stores.Visits.GetAsync(person.InsuplcAdmdvs, person.PsnNo, mdtrtId))!.Status);
    }

    [Fact]
    public async Task Register_SameMsgidAgain_ReplayedWithTheFirstVisitId()
    {
        var person = await _stores.AddPersonAsync();
        var msgid = _stores.NextMsgid();
        var first = _stores.NewVisit(person);
        await _stores.Visits.RegisterAsync(first, msgid, StoreSet.DigestOf("2201"));

        // Act: a retry on which the node drew a new visit id.
        var (result, mdtrtId) = await _stores.Visits.RegisterAsync(_stores.NewVisit(person), msgid, StoreSet.DigestOf("2201"));

        Assert.Equal(RegisterVisitResult.Replayed, result);
        Assert.Equal(first.MdtrtId, mdtrtId);
    }

    [Fact]
    public async Task Register_SameMsgidOtherPayload_MsgidConflict()
    {
        var person = await _stores.AddPersonAsync();
        var msgid = _stores.NextMsgid();
        await _stores.Visits.RegisterAsync(_stores.NewVisit(person), msgid, StoreSet.DigestOf("2201"));

        var (result, _) = await _stores.Visits.RegisterAsync(_stores.NewVisit(person), msgid, StoreSet.DigestOf("other"));

        Assert.Equal(RegisterVisitResult.MsgidConflict, result);
    }

    [Fact]
    public async Task Upload_NewAndRepeatedLines_AddedWithTotalsCountedOnce()
    {
        var person = await _stores.AddPersonAsync();
        var visit = await _stores.OpenVisitAsync(person, 10_000);

        // Act: line 1 again (skipped) and a new line 2.
        var (result, _) = await _stores.Visits.UploadFeesAsync(visit, [StoreSet.Line("1", 10_000), StoreSet.Line("2", 2_500)]);

        // Assert
        Assert.Equal(UploadFeesResult.Added, result);
        _stores.Visits.Forget(person.InsuplcAdmdvs, person.PsnNo, visit.Visit.MdtrtId);
        var after = (await _stores.Visits.GetAsync(person.InsuplcAdmdvs, person.PsnNo, visit.Visit.MdtrtId))!;
        Assert.Equal(12_500, after.Totals.MedFeeSum.Fen);
        Assert.Equal(12_500, after.Totals.InScope.Fen);
        Assert.Equal(2, after.LineCount);
    }

    [Fact]
    public async Task Upload_VisitNotStored_VisitNotFound()
    {
        var person = await _stores.AddPersonAsync();
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        var ghost = visit with { Visit = visit.Visit with { MdtrtId = "140100999999999998" } };

        var (result, _) = await _stores.Visits.UploadFeesAsync(ghost, [StoreSet.Line("1", 100)]);

        Assert.Equal(UploadFeesResult.VisitNotFound, result);
    }

    [Fact]
    public async Task Upload_VisitSettled_VisitNotOpen()
    {
        var person = await _stores.AddPersonAsync();
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        var (snapshot, commit) = await _stores.ComputeAsync(person, visit, Policies.Outpatient(), _stores.NextMsgid());
        await _stores.Settlements.CommitAsync(snapshot, visit, commit);

        var (result, _) = await _stores.Visits.UploadFeesAsync(visit, [StoreSet.Line("2", 100)]);

        Assert.Equal(UploadFeesResult.VisitNotOpen, result);
    }

    [Fact]
    public async Task Upload_SameSnOtherContent_FeeLineConflictNamingTheSn()
    {
        var person = await _stores.AddPersonAsync();
        var visit = await _stores.OpenVisitAsync(person, 10_000);

        var (result, sn) = await _stores.Visits.UploadFeesAsync(visit, [StoreSet.Line("1", 10_000, content: "changed")]);

        Assert.Equal(UploadFeesResult.FeeLineConflict, result);
        Assert.Equal("1", sn);
    }

    [Fact]
    public async Task RecordSettled_FirstAndAgain_RecordedThenAlreadyRecorded()
    {
        var person = await _stores.AddPersonAsync();
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        byte[] body = [8, 1];

        var booking = LedgerBooking.Entry(StoreSet.LedgerRowOf(visit, default, "Streatment", "M1"));
        var first = await _stores.Visits.RecordSettledAsync(visit.Visit, "Streatment", _stores.NextMsgid(), body, booking);
        var again = await _stores.Visits.RecordSettledAsync(visit.Visit, "Streatment", _stores.NextMsgid(), body, booking);

        Assert.Equal(RecordSettledResult.Recorded, first);
        Assert.Equal(RecordSettledResult.AlreadyRecorded, again);
        var settled = (await _stores.Visits.GetAsync(person.InsuplcAdmdvs, person.PsnNo, visit.Visit.MdtrtId))!;
        Assert.Equal(("Streatment", Domain.Visits.VisitStatus.Settled), (settled.SetlId, settled.Status));
    }

    public void Dispose() => _stores.Dispose();
}
