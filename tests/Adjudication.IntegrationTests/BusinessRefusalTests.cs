using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.World;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;

namespace Adjudication.IntegrationTests;

/// <summary>Business refusals are FAILED_PRECONDITION with a reason (DESIGN.md §7) and commit nothing.</summary>
public sealed class BusinessRefusalTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    /// <summary>The agency (经办机构) that registers filings: sender code A + 11 digits.</summary>
    private const string Agency = "A14010000001";

    private readonly TestNode _node = fixture.Node;

    [Theory]
    [InlineData(UndesignatedHospital)]
    [InlineData(UnknownHospital)]
    public async Task RegisterVisit_NotDesignatedInstitution_FailedPreconditionInstitutionNotDesignated(string hospital)
    {
        var person = await _node.AddPersonAsync();

        await RpcAssert.FailsAsync(
            StatusCode.FailedPrecondition,
            "INSTITUTION_NOT_DESIGNATED",
            () => _node.Settlement.RegisterVisitAsync(_node.NewRegistration(person, MedType.GeneralOutpatient, hospital)).ResponseAsync);
    }

    [Fact]
    public async Task Settle_InactivePerson_FailedPreconditionPersonNotInsuredAndNothingMoves()
    {
        // Arrange: a person whose insurance lapsed; 1101 tells the terminal so.
        var person = await _node.AddPersonAsync(balanceFen: 30_000, insuredActive: false);
        var found = await _node.Settlement.GetPersonAsync(new GetPersonRequest
        {
            FixmedinsCode = Hospital, MdtrtCertType = MdtrtCertType.IdCard, MdtrtCertNo = person.CertNo, InsuplcAdmdvs = City,
        });
        Assert.False(found.InsuredActive);
        var visit = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);
        var request = _node.NewSettle(person, visit, useAccount: true);

        // Act + Assert
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "PERSON_NOT_INSURED", () => _node.Settlement.PreSettleAsync(request).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "PERSON_NOT_INSURED", () => _node.Settlement.SettleAsync(request).ResponseAsync);
        var state = await _node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(Adjudication.Domain.Settlement.YearAccumulators.Empty, state.Accumulators);
        Assert.Equal(30_000, state.Balance.Fen);
    }

    [Fact]
    public async Task Settle_ChronicVisitWithoutFiling_ChronicDiseaseNotFiledThenSettlesOnceFiled()
    {
        // Arrange: a resident adult, a chronic/special outpatient visit (med_type 14) for dialysis: 450.00 × 1 class A.
        var person = await _node.AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentAdult);
        var visit = await _node.OpenVisitAsync(person, MedType.ChronicSpecialOutpatient, [Line("1", ClassA, 450.00m, 1m)], chronicDisease: ChronicDisease);
        var request = _node.NewSettle(person, visit);

        // Act + Assert: no chronic-disease filing yet.
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "CHRONIC_DISEASE_NOT_FILED", () => _node.Settlement.SettleAsync(request).ResponseAsync);

        // A filing for another disease does not cover it.
        await _node.Filing.RegisterFilingAsync(NewChronicFiling(person, "M01600"));
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "CHRONIC_DISEASE_NOT_FILED", () => _node.Settlement.SettleAsync(request).ResponseAsync);
        Assert.Equal(Adjudication.Domain.Settlement.YearAccumulators.Empty, (await _node.ReadPersonAsync(person.PsnNo)).Accumulators);

        // Act: the insured region's agency registers the filing for the disease (2501), and the terminal retries.
        var filing = await _node.Filing.RegisterFilingAsync(NewChronicFiling(person, ChronicDisease));
        Assert.Equal(FilingStatus.Active, filing.Status);
        Assert.Equal(1, filing.Version);
        var settled = await _node.Settlement.SettleAsync(request);

        // Assert: resident chronic outpatient has no deductible and R = 60%:
        // inscp 45,000 → hifp 27,000; pool 18,000; burden 18,000 < 1,500,000 → hifmi 0; maf 0 (not eligible);
        // psn_part 18,000 all in cash. A local visit needs no cross-region filing: filing_class UNSPECIFIED.
        var s = settled.Split;
        SplitAssert.Identities(s);
        Assert.Equal(45_000, s.InscpScpAmt);
        Assert.Equal(0, s.ActPayDedc);
        Assert.Equal(6_000, s.HifpRatioBp);
        Assert.Equal(27_000, s.HifpPay);
        Assert.Equal(18_000, s.InscpScpAmt - s.ActPayDedc - s.HifpPay);
        Assert.Equal(0, s.HifmiPay);
        Assert.Equal(18_000, s.PsnCashPay);
        Assert.Equal(FilingClass.Unspecified, s.FilingClass);
        var state = await _node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(27_000, state.Accumulators.BasicPaid.Fen);
        Assert.Equal(18_000, state.Accumulators.BurdenCumulative.Fen);
    }

    [Fact]
    public async Task FilingHistory_RegisterExtendRevoke_KeepsThreeVersions()
    {
        // Arrange: a temporary filing (其他临时外出) to Shanghai from 2026-06-01: valid six months, to 2026-11-30.
        var person = await _node.AddPersonAsync();
        var register = new RegisterFilingRequest
        {
            Msgid = _node.NextMsgid(Agency),
            PsnNo = person.PsnNo,
            InsuplcAdmdvs = City,
            FilingClass = FilingClass.OtherTemporary,
            DestAdmdvs = "310000",
            Begndate = "2026-06-01",
        };

        // Act: register (and a retry of it), extend to the year end, revoke.
        var v1 = await _node.Filing.RegisterFilingAsync(register);
        Assert.Equal(v1, await _node.Filing.RegisterFilingAsync(register));
        var v2 = await _node.Filing.ExtendFilingAsync(new ExtendFilingRequest
        {
            Msgid = _node.NextMsgid(Agency), PsnNo = person.PsnNo, InsuplcAdmdvs = City, FilingId = v1.FilingId, Enddate = "2026-12-31",
        });
        var v3 = await _node.Filing.RevokeFilingAsync(new RevokeFilingRequest
        {
            Msgid = _node.NextMsgid(Agency), PsnNo = person.PsnNo, InsuplcAdmdvs = City, FilingId = v1.FilingId,
        });

        // Assert: every version is kept, oldest first; the current one is the revocation.
        var history = await _node.Filing.ListFilingHistoryAsync(new ListFilingHistoryRequest { PsnNo = person.PsnNo, InsuplcAdmdvs = City });
        Assert.Collection(
            history.Versions,
            f => AssertVersion(f, 1, FilingStatus.Active, "2026-11-30"),
            f => AssertVersion(f, 2, FilingStatus.Active, "2026-12-31"),
            f => AssertVersion(f, 3, FilingStatus.Revoked, "2026-12-31"));
        Assert.Equal([v1, v2, v3], history.Versions);
        Assert.All(history.Versions, f => Assert.Equal(v1.FilingId, f.FilingId));
        Assert.All(history.Versions, f => Assert.Equal(FixedClock.DefaultFormatted, f.UpdatedAt));
        var current = await _node.Filing.GetFilingAsync(new GetFilingRequest { PsnNo = person.PsnNo, InsuplcAdmdvs = City, FilingId = v1.FilingId });
        Assert.Equal(v3, current);

        // A revoked filing cannot be extended.
        await RpcAssert.FailsAsync(
            StatusCode.FailedPrecondition,
            "FILING_NOT_EXTENDABLE",
            () => _node.Filing.ExtendFilingAsync(new ExtendFilingRequest
            {
                Msgid = _node.NextMsgid(Agency), PsnNo = person.PsnNo, InsuplcAdmdvs = City, FilingId = v1.FilingId, Enddate = "2027-03-31",
            }).ResponseAsync);
        Assert.Equal(3, (await _node.Filing.ListFilingHistoryAsync(new ListFilingHistoryRequest { PsnNo = person.PsnNo, InsuplcAdmdvs = City })).Versions.Count);
    }

    [Fact]
    public async Task Discharge_OutpatientVisit_FailedPrecondition()
    {
        var person = await _node.AddPersonAsync();
        var visit = await _node.RegisterVisitAsync(person, MedType.GeneralOutpatient);

        await RpcAssert.FailsAsync(
            StatusCode.FailedPrecondition,
            "VISIT_NOT_OPEN",
            () => _node.Settlement.DischargeAsync(new DischargeRequest
            {
                Msgid = _node.NextMsgid(), FixmedinsCode = Hospital, PsnNo = person.PsnNo, InsuplcAdmdvs = City, MdtrtId = visit, Endtime = "2026-06-10 10:00:00",
            }).ResponseAsync);
    }

    private static void AssertVersion(Filing f, long version, FilingStatus status, string enddate)
    {
        Assert.Equal(version, f.Version);
        Assert.Equal(status, f.Status);
        Assert.Equal(enddate, f.Enddate);
        Assert.Equal(FilingClass.OtherTemporary, f.FilingClass);
        Assert.Equal("310000", f.DestAdmdvs);
        Assert.Equal("2026-06-01", f.Begndate);
    }

    private RegisterFilingRequest NewChronicFiling(Domain.Persons.PersonProfile person, string disease) => new()
    {
        Msgid = _node.NextMsgid(Agency),
        PsnNo = person.PsnNo,
        InsuplcAdmdvs = City,
        FilingClass = FilingClass.ChronicDisease,
        Begndate = "2026-01-01",
        ChronicDiseCodg = disease,
    };
}
