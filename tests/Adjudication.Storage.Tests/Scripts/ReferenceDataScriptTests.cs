using Adjudication.Domain.Institutions;
using Adjudication.Domain.Persons;
using Adjudication.Domain.Policy;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Tests.Infrastructure;

namespace Adjudication.Storage.Tests.Scripts;

/// <summary>Every reply of write_person.lua, enrol_person_row.lua, move_balance.lua and write_institution.lua against a real store (DESIGN.md §12).</summary>
public sealed class ReferenceDataScriptTests : IDisposable
{
    private static readonly PersonWriteAnswers Answers = new([1], [2]);
    private readonly StoreSet _stores = new();
    private int _people;

    [Fact]
    public async Task WritePerson_NewPerson_WrittenWithHistoryAndCredential()
    {
        var person = NewProfile();

        var (result, answer) = await EnrolAsync(person, _stores.NextMsgid());

        Assert.Equal((WritePersonResult.Written, (byte)1), (result, answer![0]));
        Assert.Equal(person, (await _stores.Persons.ReadProfileAsync(StoreSet.City, person.PsnNo))!.Value.Profile);
        Assert.Single(await _stores.Persons.GetHistoryAsync(StoreSet.City, person.PsnNo));
        Assert.Equal((StoreSet.City, person.PsnNo), await _stores.Persons.FindByCredentialAsync(2, person.CertNo));
    }

    [Fact]
    public async Task WritePerson_SameMsgidAgain_ReplayedWithTheFirstAnswer()
    {
        var person = NewProfile();
        var msgid = _stores.NextMsgid();
        await EnrolAsync(person, msgid);

        var (result, answer) = await _stores.Persons.WriteProfileAsync(null, person, Entry(msgid), new PersonWriteAnswers([7], [8]), StoreSet.DigestOf(person.PsnNo), []);

        Assert.Equal((WritePersonResult.Replayed, (byte)1), (result, answer![0]));
    }

    [Fact]
    public async Task WritePerson_SameMsgidOtherPayload_MsgidConflict()
    {
        var person = NewProfile();
        var msgid = _stores.NextMsgid();
        await EnrolAsync(person, msgid);

        var (result, _) = await _stores.Persons.WriteProfileAsync(null, person with { CivilServant = true }, Entry(msgid), Answers, StoreSet.DigestOf("other"), []);

        Assert.Equal(WritePersonResult.MsgidConflict, result);
    }

    [Fact]
    public async Task WritePerson_SameDataNewMsgid_UnchangedWithItsAnswerAndNoHistory()
    {
        var person = NewProfile();
        await EnrolAsync(person, _stores.NextMsgid());

        var (result, answer) = await EnrolAsync(person, _stores.NextMsgid());

        Assert.Equal((WritePersonResult.Unchanged, (byte)2), (result, answer![0]));
        Assert.Single(await _stores.Persons.GetHistoryAsync(StoreSet.City, person.PsnNo));
    }

    [Fact]
    public async Task WritePerson_EnrolOfPersonHeldWithOtherData_AlreadyEnrolled()
    {
        var person = NewProfile();
        await EnrolAsync(person, _stores.NextMsgid());

        var (result, _) = await EnrolAsync(person with { Name = "李四" }, _stores.NextMsgid());

        Assert.Equal(WritePersonResult.AlreadyEnrolled, result);
        Assert.Equal("张三", (await _stores.Persons.ReadProfileAsync(StoreSet.City, person.PsnNo))!.Value.Profile.Name);
    }

    [Fact]
    public async Task EnrolPersonRow_NewPerson_EnrolledAtVersionOneWithHistoryAndCredentialAndNoMsgidRecord()
    {
        var person = NewProfile();
        var msgid = _stores.NextMsgid();

        var results = await _stores.Persons.EnrolRowsAsync([RowOf(person, msgid)]);
        // A call reusing the row's msgid with another payload finds no record (no conflict): only the person is there.
        var (reused, _) = await _stores.Persons.WriteProfileAsync(null, person with { CivilServant = true }, Entry(msgid), Answers, StoreSet.DigestOf("other"), []);

        Assert.Equal([EnrolRowResult.Enrolled], results);
        Assert.Equal(WritePersonResult.AlreadyEnrolled, reused);
        var snapshot = (await _stores.Persons.GetAsync(StoreSet.City, person.PsnNo))!;
        Assert.Equal((person, "1"), (snapshot.Profile, snapshot.Version));
        Assert.Equal(msgid, Assert.Single(await _stores.Persons.GetHistoryAsync(StoreSet.City, person.PsnNo)).Msgid);
        Assert.Equal((StoreSet.City, person.PsnNo), await _stores.Persons.FindByCredentialAsync(2, person.CertNo));
    }

    [Fact]
    public async Task EnrolPersonRow_EveryReplyInOneBatch_ResultsInRowOrderAndOnlyHeldPersonsIndexed()
    {
        var same = NewProfile();
        var other = NewProfile();
        var fresh = NewProfile();
        await EnrolAsync(same, _stores.NextMsgid());
        await EnrolAsync(other, _stores.NextMsgid());
        var otherWithAnotherCertno = other with { Name = "李四", CertNo = "140105199001019999" };

        var results = await _stores.Persons.EnrolRowsAsync(
            [RowOf(same, _stores.NextMsgid()), RowOf(otherWithAnotherCertno, _stores.NextMsgid()), RowOf(fresh, _stores.NextMsgid())]);

        Assert.Equal([EnrolRowResult.Unchanged, EnrolRowResult.AlreadyEnrolled, EnrolRowResult.Enrolled], results);
        Assert.Single(await _stores.Persons.GetHistoryAsync(StoreSet.City, same.PsnNo));
        Assert.Equal(other, (await _stores.Persons.ReadProfileAsync(StoreSet.City, other.PsnNo))!.Value.Profile);
        Assert.Single(await _stores.Persons.GetHistoryAsync(StoreSet.City, other.PsnNo));
        // The refused row's ID number is not indexed: it would name a person whose ID number it is not.
        Assert.Equal(
            [(StoreSet.City, same.PsnNo), (StoreSet.City, other.PsnNo), (StoreSet.City, fresh.PsnNo), null],
            await _stores.Persons.FindByCredentialsAsync([(2, same.CertNo), (2, other.CertNo), (2, fresh.CertNo), (2, otherWithAnotherCertno.CertNo)]));
    }

    [Fact]
    public async Task EnrolPersonRow_RowsOverEveryConnectionAndBatch_ResultsInRowOrderAndHeldPersonsIndexed()
    {
        // 4,500 rows: five pipelined batches of 1,000 over the store's four connections, the fifth on the first again.
        var profiles = new PersonProfile[4_500];
        for (var i = 0; i < profiles.Length; i++)
        {
            profiles[i] = NewProfile();
        }

        await EnrolAsync(profiles[2_500], _stores.NextMsgid());
        var heldOtherwise = profiles[3_700] with { CivilServant = true };
        await _stores.Persons.WriteProfileAsync(null, heldOtherwise, Entry(_stores.NextMsgid()), Answers, StoreSet.DigestOf(heldOtherwise.PsnNo), []);
        var rows = new PersonEnrolmentRow[profiles.Length];
        var certnos = new (int CertType, string CertNo)[profiles.Length];
        for (var i = 0; i < profiles.Length; i++)
        {
            rows[i] = RowOf(profiles[i], _stores.NextMsgid());
            certnos[i] = (2, profiles[i].CertNo);
        }

        var first = await _stores.Persons.EnrolRowsAsync(rows);
        var again = await _stores.Persons.EnrolRowsAsync(rows);
        var holders = await _stores.Persons.FindByCredentialsAsync(certnos);

        for (var i = 0; i < profiles.Length; i++)
        {
            var expected = i switch { 2_500 => EnrolRowResult.Unchanged, 3_700 => EnrolRowResult.AlreadyEnrolled, _ => EnrolRowResult.Enrolled };
            Assert.Equal(expected, first[i]);
            Assert.Equal(i == 3_700 ? EnrolRowResult.AlreadyEnrolled : EnrolRowResult.Unchanged, again[i]);
            Assert.Equal(i == 3_700 ? null : (StoreSet.City, profiles[i].PsnNo), holders[i]);
        }

        Assert.Single(await _stores.Persons.GetHistoryAsync(StoreSet.City, profiles[4_499].PsnNo));
    }

    [Fact]
    public async Task WritePerson_ChangeFromAnOutdatedProfile_StaleAndNothingWritten()
    {
        var person = NewProfile();
        await EnrolAsync(person, _stores.NextMsgid());
        var (json, _) = (await _stores.Persons.ReadProfileAsync(StoreSet.City, person.PsnNo))!.Value;
        await _stores.Persons.WriteProfileAsync(json, person with { InsuredActive = false }, Entry(_stores.NextMsgid()), Answers, StoreSet.DigestOf("a"), []);

        var (result, _) = await _stores.Persons.WriteProfileAsync(json, person with { CivilServant = true }, Entry(_stores.NextMsgid()), Answers, StoreSet.DigestOf("b"), []);

        Assert.Equal(WritePersonResult.Stale, result);
        Assert.Equal(2, (await _stores.Persons.GetHistoryAsync(StoreSet.City, person.PsnNo)).Count);
    }

    [Fact]
    public async Task MoveBalance_CreditThenReplay_MovedOnceWithBalanceInTheRow()
    {
        var person = await _stores.AddPersonAsync(balanceFen: 1_000);
        var row = Row(_stores.NextMsgid(), 2_500);

        var (moved, movedRow, _) = await _stores.Persons.MoveBalanceAsync(StoreSet.City, person.PsnNo, row, StoreSet.DigestOf("credit"));
        var (replayed, replayedRow, _) = await _stores.Persons.MoveBalanceAsync(StoreSet.City, person.PsnNo, row, StoreSet.DigestOf("credit"));

        Assert.Equal((MoveBalanceResult.Moved, 3_500L), (moved, movedRow!.BalcFen));
        Assert.Equal(MoveBalanceResult.Replayed, replayed);
        Assert.Equal(movedRow, replayedRow);
        Assert.Equal(3_500, (await _stores.Persons.GetAsync(StoreSet.City, person.PsnNo))!.Balance.Fen);
        Assert.Equal([movedRow], await _stores.Persons.GetJournalAsync(StoreSet.City, person.PsnNo));
    }

    [Fact]
    public async Task MoveBalance_SameMsgidOtherPayload_MsgidConflict()
    {
        var person = await _stores.AddPersonAsync();
        var msgid = _stores.NextMsgid();
        await _stores.Persons.MoveBalanceAsync(StoreSet.City, person.PsnNo, Row(msgid, 100), StoreSet.DigestOf("a"));

        var (result, _, _) = await _stores.Persons.MoveBalanceAsync(StoreSet.City, person.PsnNo, Row(msgid, 200), StoreSet.DigestOf("b"));

        Assert.Equal(MoveBalanceResult.MsgidConflict, result);
    }

    [Fact]
    public async Task MoveBalance_UnknownPerson_PersonNotFound()
    {
        var (result, _, _) = await _stores.Persons.MoveBalanceAsync(StoreSet.City, "nobody", Row(_stores.NextMsgid(), 100), StoreSet.DigestOf("a"));

        Assert.Equal(MoveBalanceResult.PersonNotFound, result);
    }

    [Fact]
    public async Task MoveBalance_DebitBeyondBalance_WouldGoNegativeWithTheBalance()
    {
        var person = await _stores.AddPersonAsync(balanceFen: 700);

        var (result, row, balance) = await _stores.Persons.MoveBalanceAsync(StoreSet.City, person.PsnNo, Row(_stores.NextMsgid(), -701), StoreSet.DigestOf("a"));

        Assert.Equal((MoveBalanceResult.WouldGoNegative, 700L), (result, balance.Fen));
        Assert.Null(row);
        Assert.Empty(await _stores.Persons.GetJournalAsync(StoreSet.City, person.PsnNo));
    }

    [Fact]
    public async Task WriteInstitution_EveryReply()
    {
        var store = new ReferenceDataStore(TestRedis.Connection, _stores.Options);
        var institution = new Institution("H14010000055", "测试医院", StoreSet.City, HospitalLevel.Secondary, true, new DateOnly(2026, 1, 1));
        var msgid = _stores.NextMsgid();

        var (written, _) = await store.WriteInstitutionAsync(null, institution, msgid, StoreSet.DigestOf("designate"));
        var json = (await store.ReadInstitutionAsync(institution.FixmedinsCode))!.Value.Json;
        var (replayed, replayedRecord) = await store.WriteInstitutionAsync(json, institution with { Suspended = true }, msgid, StoreSet.DigestOf("designate"));
        var (conflict, _) = await store.WriteInstitutionAsync(json, institution, msgid, StoreSet.DigestOf("other"));
        var (unchanged, _) = await store.WriteInstitutionAsync(json, institution, _stores.NextMsgid(), StoreSet.DigestOf("again"));
        var (stale, _) = await store.WriteInstitutionAsync(null, institution with { Suspended = true }, _stores.NextMsgid(), StoreSet.DigestOf("suspend"));

        Assert.Equal(
            (WriteInstitutionResult.Written, WriteInstitutionResult.Replayed, WriteInstitutionResult.MsgidConflict, WriteInstitutionResult.Unchanged, WriteInstitutionResult.Stale),
            (written, replayed, conflict, unchanged, stale));
        Assert.Equal(institution, replayedRecord);
        Assert.Equal(institution, await store.GetInstitutionAsync(institution.FixmedinsCode));
    }

    /// <inheritdoc />
    public void Dispose() => _stores.Dispose();

    private PersonProfile NewProfile() => new(
        $"RD{Interlocked.Increment(ref _people):D8}", StoreSet.City, "张三", $"14010519900101{_people:D4}", Insutype.EmployeeBasic, PersonType.EmployeeInService,
        InsuredActive: true, AssistanceEligible: false);

    private Task<(WritePersonResult Result, byte[]? Answer)> EnrolAsync(PersonProfile person, string msgid) =>
        _stores.Persons.WriteProfileAsync(null, person, Entry(msgid), Answers, StoreSet.DigestOf(person.PsnNo), [(2, person.CertNo)]);

    private static PersonEnrolmentRow RowOf(PersonProfile person, string msgid) => new(person, Entry(msgid), [(2, person.CertNo)]);

    private static PersonHistoryEntry Entry(string msgid) => new(msgid, "enrol", "2026-06-15 10:00:00", [new ProfileChange("insutype", string.Empty, "310")]);

    private static AccountJournalRow Row(string msgid, long amountFen) => new(msgid, JournalKind.Adjustment, amountFen, "test", "2026-06-15 10:00:00", 0);
}
