using System.Globalization;
using Adjudication.Contracts.V1;
using Adjudication.Domain.Persons;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Storage;
using Adjudication.Node.Security;
using Google.Protobuf;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.World;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;

namespace Adjudication.IntegrationTests;

/// <summary>
/// The city agency's reference data over the real server (issue 14, DESIGN.md §12, §8): persons enrolled, changed and
/// settled for; accounts credited and spent; bulk enrolment re-run without a byte changing; msgid idempotency; the
/// agency held to its own city; bad fields named.
/// </summary>
public sealed class ReferenceDataTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private const string AgencySender = "A14010000001";
    private static int _people;
    private readonly TestNode _node = fixture.Node;

    [Fact]
    public async Task EnrolSettleThenInactive_SettleRefusedPersonNotInsured()
    {
        // Arrange: an employee enrolled through the API, no account.
        var enrolment = NewPerson();
        var enrolled = await _node.Agency.EnrolPersonAsync(new EnrolPersonRequest { Msgid = AgencyMsgid(), Person = enrolment });
        Assert.Equal(ChangeOutcome.Enrolled, enrolled.Outcome);
        var person = Profile(enrolment);

        // Act 1: 1101 finds them by ID card; an outpatient visit of 300.00 class A at the tertiary hospital settles.
        var found = await _node.Settlement.GetPersonAsync(new GetPersonRequest { FixmedinsCode = Hospital, MdtrtCertType = MdtrtCertType.IdCard, MdtrtCertNo = enrolment.Certno, InsuplcAdmdvs = City });
        var visit = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);
        var settled = await _node.Settlement.SettleAsync(_node.NewSettle(person, visit));

        // Assert 1: employee outpatient, tertiary: inscp 30,000; yearly deductible 20,000; eligible 10,000 at 55% = 5,500;
        // psn_part = 30,000 − 5,500 = 24,500, all cash.
        Assert.Equal(enrolment.PsnNo, found.PsnNo);
        Assert.True(found.InsuredActive);
        Assert.Equal(30_000, settled.Split.MedfeeSumamt);
        Assert.Equal(20_000, settled.Split.ActPayDedc);
        Assert.Equal(5_500, settled.Split.HifpPay);
        Assert.Equal(24_500, settled.Split.PsnPartAmt);
        Assert.Equal(24_500, settled.Split.PsnCashPay);
        SplitAssert.Identities(settled.Split);

        // Act 2: the agency ends the insurance; a new visit of the same person.
        var lapsed = await _node.Agency.UpdatePersonAsync(new UpdatePersonRequest { Msgid = AgencyMsgid(), PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City, InsuredActive = false });
        var second = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);

        // Assert 2
        Assert.Equal(ChangeOutcome.Updated, lapsed.Outcome);
        Assert.False(lapsed.Person.InsuredActive);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "PERSON_NOT_INSURED", () => _node.Settlement.SettleAsync(_node.NewSettle(person, second)).ResponseAsync);
    }

    [Fact]
    public async Task Enrol_AnotherPersonsIdNumber_RefusedCertnoInUseAndTheIdCardStillFindsItsOwner()
    {
        // Arrange: A enrolled; B's row carries A's ID number (a typo, or a duplicate in a file).
        var owner = NewPerson();
        await _node.Agency.EnrolPersonAsync(new EnrolPersonRequest { Msgid = AgencyMsgid(), Person = owner });
        var other = NewPerson();
        other.Certno = owner.Certno;

        // Act
        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "CERTNO_IN_USE",
            () => _node.Agency.EnrolPersonAsync(new EnrolPersonRequest { Msgid = AgencyMsgid(), Person = other }).ResponseAsync);
        var batch = await _node.Agency.EnrolPersons().SendAllAsync([new EnrolPersonsRequest { Msgid = AgencyMsgid(), Persons = { other } }]);

        // Assert: refused alone and in a batch, never enrolled; 1101 by the ID card still finds A, not B.
        Assert.DoesNotContain(owner.Certno, refused.Message, StringComparison.Ordinal);
        Assert.Equal([ChangeOutcome.Refused], batch.Outcomes);
        Assert.Equal("CERTNO_IN_USE", Assert.Single(batch.RefusedRows).Reason);
        var found = await _node.Settlement.GetPersonAsync(new GetPersonRequest { FixmedinsCode = Hospital, MdtrtCertType = MdtrtCertType.IdCard, MdtrtCertNo = owner.Certno, InsuplcAdmdvs = City });
        Assert.Equal(owner.PsnNo, found.PsnNo);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "PERSON_NOT_FOUND",
            () => _node.Agency.ListPersonHistoryAsync(new ListPersonHistoryRequest { PsnNo = other.PsnNo, InsuplcAdmdvs = City }).ResponseAsync);
    }

    [Fact]
    public async Task Enrol_MsgidOfAnInstitution_RefusedNamingMsgidAndNothingStored()
    {
        // An agency's msgid shares the person's msgid records with the hospitals' settle msgids: it must be an agency's.
        var person = NewPerson();

        var refused = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST",
            () => _node.Agency.EnrolPersonAsync(new EnrolPersonRequest { Msgid = _node.NextMsgid(Hospital), Person = person }).ResponseAsync);

        Assert.Equal(["msgid"], refused.Violations.Select(v => v.Field));
        await RpcAssert.FailsAsync(StatusCode.NotFound, "PERSON_NOT_FOUND",
            () => _node.Agency.ListPersonHistoryAsync(new ListPersonHistoryRequest { PsnNo = person.PsnNo, InsuplcAdmdvs = City }).ResponseAsync);
    }

    [Fact]
    public async Task CreditAdjustThenSettleWithAccount_AcctPayIsTheBalanceAndJournalListsMsgids()
    {
        // Arrange: an employee with the yearly transfer of 500.00 and an adjustment of −100.00.
        var enrolment = NewPerson();
        await _node.Agency.EnrolPersonAsync(new EnrolPersonRequest { Msgid = AgencyMsgid(), Person = enrolment });
        var creditMsgid = AgencyMsgid();
        var adjustMsgid = AgencyMsgid();

        // Act
        var credit = await _node.Agency.CreditAccountAsync(new CreditAccountRequest { Msgid = creditMsgid, PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City, Amount = 50_000, Reason = "2026 年度划入" });
        var adjust = await _node.Agency.AdjustAccountAsync(new AdjustAccountRequest { Msgid = adjustMsgid, PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City, Amount = -10_000, Reason = "多划冲回" });
        var person = Profile(enrolment);
        var visit = await _node.OpenVisitAsync(person, MedType.Inpatient,
        [
            Line("1", ClassA, 80.00m, 10m),
            Line("2", ClassB, 123.45m, 2.5m),
            Line("3", ClassC, 50.00m, 2m),
            Line("4", Capped, 45.50m, 4m),
        ]);
        var settled = await _node.Settlement.SettleAsync(_node.NewSettle(person, visit, useAccount: true));

        // Assert: the inpatient bill of VisitFlowTests: medfee 139,063, hifp 25,310, psn_part 113,753;
        // acct = min(balance 40,000, 113,753) = 40,000; cash 73,753; balance after 0.
        Assert.Equal(50_000, credit.Balc);
        Assert.Equal(40_000, adjust.Balc);
        Assert.Equal(139_063, settled.Split.MedfeeSumamt);
        Assert.Equal(25_310, settled.Split.HifpPay);
        Assert.Equal(113_753, settled.Split.PsnPartAmt);
        Assert.Equal(40_000, settled.Split.AcctPay);
        Assert.Equal(73_753, settled.Split.PsnCashPay);
        Assert.Equal(0, settled.Split.Balc);
        SplitAssert.Identities(settled.Split);
        Assert.Equal(0, (await _node.ReadPersonAsync(enrolment.PsnNo)).Balance.Fen);
        var journal = await _node.Agency.ListAccountJournalAsync(new ListAccountJournalRequest { PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City });
        Assert.Collection(
            journal.Movements,
            m => Assert.Equal((creditMsgid, AccountMovementKind.Credit, 50_000L, 50_000L, "2026 年度划入", FixedClock.DefaultFormatted), (m.Msgid, m.Kind, m.Amount, m.Balc, m.Reason, m.MovedAt)),
            m => Assert.Equal((adjustMsgid, AccountMovementKind.Adjustment, -10_000L, 40_000L, "多划冲回", FixedClock.DefaultFormatted), (m.Msgid, m.Kind, m.Amount, m.Balc, m.Reason, m.MovedAt)));
    }

    [Fact]
    public async Task AdjustBelowZero_FailedPreconditionBalanceInsufficientAndNothingMoves()
    {
        // Arrange
        var enrolment = NewPerson();
        await _node.Agency.EnrolPersonAsync(new EnrolPersonRequest { Msgid = AgencyMsgid(), Person = enrolment });
        await _node.Agency.CreditAccountAsync(new CreditAccountRequest { Msgid = AgencyMsgid(), PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City, Amount = 1_000 });

        // Act
        var failure = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "BALANCE_INSUFFICIENT", () => _node.Agency.AdjustAccountAsync(
            new AdjustAccountRequest { Msgid = AgencyMsgid(), PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City, Amount = -1_001, Reason = "冲回" }).ResponseAsync);

        // Assert
        Assert.Contains("1000 fen", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1_000, (await _node.ReadPersonAsync(enrolment.PsnNo)).Balance.Fen);
        Assert.Single((await _node.Agency.ListAccountJournalAsync(new ListAccountJournalRequest { PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City })).Movements);
    }

    [Fact]
    public async Task EnrolPersons_SameBatchesTwice_SecondAllUnchangedAndStoreByteIdentical()
    {
        // Arrange: five persons in two batches (3 + 2), each batch with its own msgid.
        var persons = Enumerable.Range(0, 5).Select(_ => NewPerson()).ToList();
        EnrolPersonsRequest[] batches =
        [
            Batch(AgencyMsgid(), persons.Take(3)),
            Batch(AgencyMsgid(), persons.Skip(3)),
        ];

        // Act
        var first = await _node.Agency.EnrolPersons().SendAllAsync(batches);
        var before = await SnapshotAsync();
        var second = await _node.Agency.EnrolPersons().SendAllAsync(batches);
        var after = await SnapshotAsync();

        // Assert
        Assert.Equal((5, 0, 0), (first.Enrolled, first.Unchanged, first.Refused));
        Assert.Equal(Enumerable.Repeat(ChangeOutcome.Enrolled, 5), first.Outcomes);
        Assert.Equal((0, 5, 0), (second.Enrolled, second.Unchanged, second.Refused));
        Assert.Equal(Enumerable.Repeat(ChangeOutcome.Unchanged, 5), second.Outcomes);
        Assert.Empty(second.RefusedRows);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.All(before, entry => Assert.Equal(entry.Value, after[entry.Key]));
        // The snapshot holds what the enrolment wrote: each person's state and history, and the ID-card index.
        Assert.All(persons, p => Assert.Contains(before.Keys, k => k.EndsWith($"{{{City}:{p.PsnNo}}}:history", StringComparison.Ordinal)));
        Assert.All(persons, p => Assert.Contains(before.Keys, k => k.EndsWith($":cert:2:{p.Certno}", StringComparison.Ordinal)));
        var stored = await _node.ReadPersonAsync(persons[4].PsnNo);
        Assert.Equal(persons[4].PsnName, stored.Profile.Name);
    }

    [Fact]
    public async Task EnrolPersons_BadRowsAmongGood_EachRefusedWithItsIndexAndReasonOthersEnrolled()
    {
        // Arrange: row 1 has a short certno, row 3 is insured in Jinzhong, row 4 repeats row 0's psn_no with other data.
        var rows = Enumerable.Range(0, 5).Select(_ => NewPerson()).ToList();
        rows[1].Certno = "1401";
        rows[3].InsuplcAdmdvs = "140700";
        rows[4].PsnNo = rows[0].PsnNo;

        // Act
        var answer = await _node.Agency.EnrolPersons().SendAllAsync(new[] { Batch(AgencyMsgid(), rows.Take(2)), Batch(AgencyMsgid(), rows.Skip(2)) });

        // Assert
        Assert.Equal((2, 0, 3), (answer.Enrolled, answer.Unchanged, answer.Refused));
        Assert.Equal(new[] { ChangeOutcome.Enrolled, ChangeOutcome.Refused, ChangeOutcome.Enrolled, ChangeOutcome.Refused, ChangeOutcome.Refused }, answer.Outcomes);
        Assert.Collection(
            answer.RefusedRows.OrderBy(r => r.Index),
            r => Assert.Equal((1, "INVALID_REQUEST"), (r.Index, r.Reason)),
            r => Assert.Equal((3, "AGENCY_MISMATCH"), (r.Index, r.Reason)),
            r => Assert.Equal((4, "PERSON_ALREADY_ENROLLED"), (r.Index, r.Reason)));
        Assert.Contains("persons[1].certno", answer.RefusedRows.Single(r => r.Index == 1).Message, StringComparison.Ordinal);
        Assert.Equal(rows[0].PsnName, (await _node.ReadPersonAsync(rows[0].PsnNo)).Profile.Name);
    }

    [Fact]
    public async Task EnrolPersons_ThreeFullBatches_EveryRowEnrolledThenUnchanged()
    {
        // Arrange: 15,000 persons in messages of the largest size the node takes (5,000).
        var persons = Enumerable.Range(0, 15_000).Select(_ => NewPerson()).ToList();
        var batches = persons.Chunk(5_000).Select(chunk => Batch(AgencyMsgid(), chunk)).ToArray();

        // Act
        var first = await _node.Agency.EnrolPersons().SendAllAsync(batches);
        var second = await _node.Agency.EnrolPersons().SendAllAsync(batches);

        // Assert
        Assert.Equal((15_000, 0, 0), (first.Enrolled, first.Unchanged, first.Refused));
        Assert.Equal((0, 15_000, 0), (second.Enrolled, second.Unchanged, second.Refused));
        Assert.Equal(15_000, second.Outcomes.Count);
        Assert.Equal(persons[14_999].PsnName, (await _node.ReadPersonAsync(persons[14_999].PsnNo)).Profile.Name);
    }

    [Fact]
    public async Task EnrolPersons_PersonTwiceInOneBatch_LaterRowRefusedNamingTheEarlierAndFirstEnrolled()
    {
        // Arrange: rows 0 and 2 are one person with different civil-servant flags.
        var rows = Enumerable.Range(0, 2).Select(_ => NewPerson()).ToList();
        rows.Add(new PersonEnrolment(rows[0]) { CvlservFlag = true });

        // Act
        var answer = await _node.Agency.EnrolPersons().SendAllAsync([Batch(AgencyMsgid(), rows)]);

        // Assert
        Assert.Equal((2, 0, 1), (answer.Enrolled, answer.Unchanged, answer.Refused));
        var refused = Assert.Single(answer.RefusedRows);
        Assert.Equal((2, "INVALID_REQUEST"), (refused.Index, refused.Reason));
        Assert.Contains("persons[0].psn_no", refused.Message, StringComparison.Ordinal);
        Assert.False((await _node.ReadPersonAsync(rows[0].PsnNo)).Profile.CivilServant);
    }

    [Fact]
    public async Task EnrolPersons_TwoPersonsWithOneIdNumberInOneBatch_LaterRefusedCertnoInUseAndTheIdCardFindsTheFirst()
    {
        // Arrange: rows 0 and 2 are two persons with one ID number (a duplicate in a file).
        var rows = Enumerable.Range(0, 3).Select(_ => NewPerson()).ToList();
        rows[2].Certno = rows[0].Certno;

        // Act
        var answer = await _node.Agency.EnrolPersons().SendAllAsync([Batch(AgencyMsgid(), rows)]);

        // Assert: the later row is refused, nothing of it is written, and 1101 by the ID card finds the first.
        Assert.Equal((2, 0, 1), (answer.Enrolled, answer.Unchanged, answer.Refused));
        var refused = Assert.Single(answer.RefusedRows);
        Assert.Equal((2, "CERTNO_IN_USE"), (refused.Index, refused.Reason));
        Assert.Contains("persons[0].certno", refused.Message, StringComparison.Ordinal);
        var found = await _node.Settlement.GetPersonAsync(new GetPersonRequest { FixmedinsCode = Hospital, MdtrtCertType = MdtrtCertType.IdCard, MdtrtCertNo = rows[0].Certno, InsuplcAdmdvs = City });
        Assert.Equal(rows[0].PsnNo, found.PsnNo);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "PERSON_NOT_FOUND",
            () => _node.Agency.ListPersonHistoryAsync(new ListPersonHistoryRequest { PsnNo = rows[2].PsnNo, InsuplcAdmdvs = City }).ResponseAsync);
    }

    [Fact]
    public async Task MsgidReplayAndConflict_FirstAnswerAgainThenAlreadyExists()
    {
        // Arrange
        var enrolment = NewPerson();
        var enrol = new EnrolPersonRequest { Msgid = AgencyMsgid(), Person = enrolment };
        var credit = new CreditAccountRequest { Msgid = AgencyMsgid(), PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City, Amount = 12_345, Reason = "年度划入" };

        // Act
        var first = await _node.Agency.EnrolPersonAsync(enrol);
        var replayed = await _node.Agency.EnrolPersonAsync(enrol);
        var credited = await _node.Agency.CreditAccountAsync(credit);
        var creditReplayed = await _node.Agency.CreditAccountAsync(credit);

        // Assert: the first answers again, nothing moved twice; another payload under a used msgid is refused.
        Assert.Equal(first, replayed);
        Assert.Equal(ChangeOutcome.Enrolled, replayed.Outcome);
        Assert.Equal(credited, creditReplayed);
        Assert.Equal(12_345, (await _node.ReadPersonAsync(enrolment.PsnNo)).Balance.Fen);
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "MSGID_REUSED", () => _node.Agency.CreditAccountAsync(new CreditAccountRequest(credit) { Amount = 12_346 }).ResponseAsync);
        // A credit and an adjustment of the same fields are the same bytes: still another call, so a conflict.
        Assert.Equal(credit.ToByteArray(), new AdjustAccountRequest { Msgid = credit.Msgid, PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City, Amount = 12_345, Reason = "年度划入" }.ToByteArray());
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "MSGID_REUSED", () => _node.Agency.AdjustAccountAsync(
            new AdjustAccountRequest { Msgid = credit.Msgid, PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City, Amount = 12_345, Reason = "年度划入" }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "MSGID_REUSED", () => _node.Agency.EnrolPersonAsync(
            new EnrolPersonRequest(enrol) { Person = new PersonEnrolment(enrolment) { CvlservFlag = !enrolment.CvlservFlag } }).ResponseAsync);
        Assert.Equal(12_345, (await _node.ReadPersonAsync(enrolment.PsnNo)).Balance.Fen);
        Assert.Single((await _node.Agency.ListAccountJournalAsync(new ListAccountJournalRequest { PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City })).Movements);
    }

    [Fact]
    public async Task AgencyOfAnotherCity_PermissionDeniedAgencyMismatchAndNothingStored()
    {
        // Arrange: Jinzhong's agency at Taiyuan's node; Taiyuan's agency for a Jinzhong person and institution.
        var jinzhong = new ReferenceDataService.ReferenceDataServiceClient(_node.As(TerminalInvoker.AgencyOf("140700")));
        var taiyuan = new ReferenceDataService.ReferenceDataServiceClient(_node.As(TerminalInvoker.AgencyOf(City)));
        var enrolment = NewPerson();
        var foreign = new PersonEnrolment(NewPerson()) { InsuplcAdmdvs = "140700" };

        // Act + Assert
        var failure = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "AGENCY_MISMATCH",
            () => jinzhong.EnrolPersonAsync(new EnrolPersonRequest { Msgid = _node.NextMsgid("A14070000001"), Person = enrolment }).ResponseAsync);
        Assert.Contains("140700", failure.Message, StringComparison.Ordinal);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "AGENCY_MISMATCH",
            () => taiyuan.EnrolPersonAsync(new EnrolPersonRequest { Msgid = AgencyMsgid(), Person = foreign }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "AGENCY_MISMATCH", () => jinzhong.EnrolPersons().SendAllAsync(new[] { Batch(_node.NextMsgid("A14070000001"), [enrolment]) }));
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "AGENCY_MISMATCH", () => taiyuan.DesignateInstitutionAsync(
            new DesignateInstitutionRequest { Msgid = AgencyMsgid(), FixmedinsCode = "H14070000001", FixmedinsName = "晋中市第一人民医院", Admdvs = "140700", HospLv = HospitalLevel.Tertiary, Begndate = "2026-01-01" }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "CALLER_NOT_ALLOWED", () => new ReferenceDataService.ReferenceDataServiceClient(_node.As(CallerIdentity.Institution(Hospital)))
            .CreditAccountAsync(new CreditAccountRequest { Msgid = _node.NextMsgid(), PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City, Amount = 100 }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "PERSON_NOT_FOUND", () => _node.Agency.ListPersonHistoryAsync(new ListPersonHistoryRequest { PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City }).ResponseAsync);
        Assert.Null(await _node.ReferenceData.GetInstitutionAsync("H14070000001"));
    }

    [Fact]
    public async Task BadFields_InvalidArgumentNamingEachField()
    {
        // Act
        var enrol = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => _node.Agency.EnrolPersonAsync(new EnrolPersonRequest
        {
            Msgid = "A1401000000120260615",
            Person = new PersonEnrolment(NewPerson()) { Certno = "14010019900101001Y", PsnType = PersonType.Unspecified, Insutype = Insutype.Maternity, PsnNo = "12{3}", PsnName = " " },
        }).ResponseAsync);
        var noPerson = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => _node.Agency.EnrolPersonAsync(new EnrolPersonRequest { Msgid = AgencyMsgid() }).ResponseAsync);
        var credit = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => _node.Agency.CreditAccountAsync(
            new CreditAccountRequest { Msgid = AgencyMsgid(), PsnNo = "", InsuplcAdmdvs = City, Amount = -5 }).ResponseAsync);
        var update = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => _node.Agency.UpdatePersonAsync(
            new UpdatePersonRequest { Msgid = AgencyMsgid(), PsnNo = "1", InsuplcAdmdvs = City }).ResponseAsync);
        var designate = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => _node.Agency.DesignateInstitutionAsync(new DesignateInstitutionRequest
        {
            Msgid = AgencyMsgid(), FixmedinsCode = "X14010000001", FixmedinsName = "某医院", Admdvs = City, HospLv = (HospitalLevel)7, Begndate = "2026-06-01", Enddate = "2026-05-31",
        }).ResponseAsync);

        // Assert
        foreach (var field in new[] { "msgid", "person.certno", "person.psn_type", "person.insutype", "person.psn_no", "person.psn_name" })
        {
            enrol.Names(field);
        }

        noPerson.Names("person");
        credit.Names("psn_no");
        credit.Names("amount");
        update.Names("insured_active");
        designate.Names("fixmedins_code");
        designate.Names("hosp_lv");
        designate.Names("enddate");
    }

    [Fact]
    public async Task History_EnrolThenUpdates_ListsEveryChangeWithItsMsgid()
    {
        // Arrange
        var enrolment = NewPerson();
        var enrolMsgid = AgencyMsgid();
        var updateMsgid = AgencyMsgid();
        var sameMsgid = AgencyMsgid();
        await _node.Agency.EnrolPersonAsync(new EnrolPersonRequest { Msgid = enrolMsgid, Person = enrolment });

        // Act: retire the person and make them a civil servant; then send a change to what they already are.
        var updated = await _node.Agency.UpdatePersonAsync(new UpdatePersonRequest { Msgid = updateMsgid, PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City, PsnType = PersonType.Retiree, CvlservFlag = true });
        var same = await _node.Agency.UpdatePersonAsync(new UpdatePersonRequest { Msgid = sameMsgid, PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City, PsnType = PersonType.Retiree });
        var history = await _node.Agency.ListPersonHistoryAsync(new ListPersonHistoryRequest { PsnNo = enrolment.PsnNo, InsuplcAdmdvs = City });

        // Assert
        Assert.Equal(ChangeOutcome.Updated, updated.Outcome);
        Assert.Equal(ChangeOutcome.Unchanged, same.Outcome);
        Assert.Collection(
            history.Entries,
            e =>
            {
                Assert.Equal((enrolMsgid, "enrol", FixedClock.DefaultFormatted), (e.Msgid, e.Operation, e.ChangedAt));
                Assert.Equal(
                    ["insutype:310", "psn_type:1", "insured_active:true", "cvlserv_flag:false", "enterprise_supplementary:false", "assistance_eligible:false"],
                    e.Changes.Select(c => $"{c.Field}:{c.Before}{c.After}"));
            },
            e =>
            {
                Assert.Equal((updateMsgid, "update"), (e.Msgid, e.Operation));
                Assert.Equal(["psn_type:1→2", "cvlserv_flag:false→true"], e.Changes.Select(c => $"{c.Field}:{c.Before}→{c.After}"));
            });
        var stored = (await _node.ReadPersonAsync(enrolment.PsnNo)).Profile;
        Assert.Equal((DomainPersonType.Retiree, true, DomainInsutype.EmployeeBasic), (stored.PersonType, stored.CivilServant, stored.Insutype));
    }

    [Fact]
    public async Task Institution_DesignateSuspendDesignateEnd_VisitsFollowTheDesignation()
    {
        // Arrange: a new secondary hospital, designated from 2026-01-01.
        const string code = "H14010000077";
        var person = await _node.AddPersonAsync();
        var designate = new DesignateInstitutionRequest { Msgid = AgencyMsgid(), FixmedinsCode = code, FixmedinsName = "太原市第七人民医院", Admdvs = City, HospLv = HospitalLevel.Secondary, Begndate = "2026-01-01" };

        // Act + Assert: designated, a visit opens there.
        var designated = await _node.Agency.DesignateInstitutionAsync(designate);
        Assert.Equal(DesignationStatus.Designated, designated.Status);
        Assert.Equal(designated, await _node.Agency.DesignateInstitutionAsync(designate));
        await _node.RegisterVisitAsync(person, MedType.GeneralOutpatient, code);

        // Suspended: its calls are refused.
        var suspended = await _node.Agency.SuspendInstitutionAsync(new SuspendInstitutionRequest { Msgid = AgencyMsgid(), FixmedinsCode = code, Admdvs = City });
        Assert.Equal(DesignationStatus.Suspended, suspended.Status);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "INSTITUTION_NOT_DESIGNATED", () => _node.RegisterVisitAsync(person, MedType.GeneralOutpatient, code));

        // Designated again, then ended on 2026-06-09: a visit of 2026-06-10 is refused.
        await _node.Agency.DesignateInstitutionAsync(new DesignateInstitutionRequest(designate) { Msgid = AgencyMsgid() });
        await _node.RegisterVisitAsync(person, MedType.GeneralOutpatient, code);
        var ended = await _node.Agency.EndInstitutionAsync(new EndInstitutionRequest { Msgid = AgencyMsgid(), FixmedinsCode = code, Admdvs = City, Enddate = "2026-06-09" });
        Assert.Equal(("2026-01-01", "2026-06-09", DesignationStatus.Designated), (ended.Begndate, ended.Enddate, ended.Status));
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "INSTITUTION_NOT_DESIGNATED", () => _node.RegisterVisitAsync(person, MedType.GeneralOutpatient, code));
        await RpcAssert.FailsAsync(StatusCode.NotFound, "INSTITUTION_NOT_FOUND", () => _node.Agency.SuspendInstitutionAsync(
            new SuspendInstitutionRequest { Msgid = AgencyMsgid(), FixmedinsCode = "H14010000078", Admdvs = City }).ResponseAsync);
    }

    // A new employee in service of Taiyuan, unique across the class: psn_no "RD" + n, ID number 1401001990 + n (8 digits).
    private static PersonEnrolment NewPerson()
    {
        var n = Interlocked.Increment(ref _people);
        return new PersonEnrolment
        {
            PsnNo = string.Create(CultureInfo.InvariantCulture, $"RD{n:D8}"),
            InsuplcAdmdvs = City,
            PsnName = string.Create(CultureInfo.InvariantCulture, $"参保人员{n}"),
            Certno = string.Create(CultureInfo.InvariantCulture, $"1401001990{n:D8}"),
            Insutype = Insutype.EmployeeBasic,
            PsnType = PersonType.EmployeeInService,
            InsuredActive = true,
        };
    }

    private static PersonProfile Profile(PersonEnrolment p) => new(
        p.PsnNo, p.InsuplcAdmdvs, p.PsnName, p.Certno, (DomainInsutype)p.Insutype, (DomainPersonType)p.PsnType, p.InsuredActive, p.AssistanceEligible, p.CvlservFlag, p.EnterpriseSupplementary);

    private static EnrolPersonsRequest Batch(string msgid, IEnumerable<PersonEnrolment> persons)
    {
        var batch = new EnrolPersonsRequest { Msgid = msgid };
        batch.Persons.AddRange(persons);
        return batch;
    }

    private string AgencyMsgid() => _node.NextMsgid(AgencySender);

    // Every key under the node's prefix with its DUMP (the value's exact serialization), on every primary. The node's
    // outbox is applied first: the ledger rows of other tests' settlements are booked and their entries gone before
    // the store is read, not while it is.
    private async Task<Dictionary<string, byte[]>> SnapshotAsync()
    {
        var outbox = new DiagnosticsService.DiagnosticsServiceClient(_node.As(CallerIdentity.Operator("tester")));
        Assert.Equal(0, (await outbox.ReadOutboxAsync(new ReadOutboxRequest { ApplyFirst = true })).Backlog);
        await using var redis = await StoreConnection.ConnectAsync(_node.Options.Redis);
        var snapshot = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }

            await foreach (var key in server.KeysAsync(pattern: _node.Options.Redis.KeyPrefix + ":*", pageSize: 1_000))
            {
                snapshot[key.ToString()] = (byte[])(await redis.GetDatabase().KeyDumpAsync(key))!;
            }
        }

        return snapshot;
    }
}
