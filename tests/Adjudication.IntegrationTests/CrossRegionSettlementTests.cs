using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;
using static Adjudication.IntegrationTests.Infrastructure.World;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;

namespace Adjudication.IntegrationTests;

/// <summary>
/// Settlements across the network of DESIGN.md §3: the treatment city classifies and records, the insured city applies
/// its policy and commits, across cities of one province and across provinces (six layers), idempotent end to end.
/// </summary>
public sealed class CrossRegionSettlementTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    private readonly TestNetwork _network = fixture.Network;

    private TestNode JinzhongNode => _network[Jinzhong];

    private TestNode BeijingNode => _network[BeijingCity];

    [Fact]
    public async Task Settle_SameBillLocallyAndCrossProvinceWithReferral_SplitDiffersByTheReferralReduction()
    {
        // Arrange: two children insured in Jinzhong (resident 390). One is treated at home, the other in a Beijing
        // children's hospital on a referral filing (异地转诊) to Beijing. Same inpatient bill at a tertiary hospital:
        // class A 3,000.00 + class B 1,000.00 (10% 先行自付) = medfee 400,000; preself 10,000; inscp 390,000;
        // per-visit deductible (tertiary) 100,000; eligible 290,000.
        var local = await JinzhongNode.AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentMinor);
        var referred = await JinzhongNode.AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentMinor);
        await _network.FileAsync(referred, FilingClass.Referral, "110000", "2026-06-01");
        FeeLine[] bill = [Line("1", ClassA, 3000.00m, 1m), Line("2", ClassB, 1000.00m, 1m)];

        // Act
        var localVisit = await JinzhongNode.OpenVisitAsync(local, MedType.Inpatient, bill, JinzhongHospital);
        var home = await JinzhongNode.Settlement.SettleAsync(JinzhongNode.NewSettle(local, localVisit, hospital: JinzhongHospital));
        var remoteVisit = await BeijingNode.OpenVisitAsync(referred, MedType.Inpatient, bill, BeijingHospital);
        var away = await BeijingNode.Settlement.SettleAsync(BeijingNode.NewSettle(referred, remoteVisit, hospital: BeijingHospital));

        // Assert: at home R = 60% → hifp 174,000. In Beijing the referral reduction (10 points, cross-province)
        // gives R = 50% → hifp 145,000. Burden stays below the critical-illness threshold (1,500,000): hifmi 0.
        Assert.Equal(400_000, home.Split.MedfeeSumamt);
        Assert.Equal(390_000, home.Split.InscpScpAmt);
        Assert.Equal(100_000, home.Split.ActPayDedc);
        Assert.Equal(6_000, home.Split.HifpRatioBp);
        Assert.Equal(174_000, home.Split.HifpPay);
        Assert.Equal(226_000, home.Split.PsnCashPay);
        Assert.Equal(FilingClass.Unspecified, home.Split.FilingClass);

        Assert.Equal(400_000, away.Split.MedfeeSumamt);
        Assert.Equal(390_000, away.Split.InscpScpAmt);
        Assert.Equal(100_000, away.Split.ActPayDedc);
        Assert.Equal(5_000, away.Split.HifpRatioBp);
        Assert.Equal(145_000, away.Split.HifpPay);
        Assert.Equal(145_000, away.Split.InscpScpAmt - away.Split.ActPayDedc - away.Split.HifpPay);
        Assert.Equal(255_000, away.Split.PsnCashPay);
        Assert.Equal(FilingClass.Referral, away.Split.FilingClass);
        SplitAssert.Identities(away.Split);

        // Both sides hold the settlement; the treatment city keeps the two classified lines.
        var insured = await JinzhongNode.ReadPersonAsync(referred.PsnNo);
        Assert.Equal(145_000, insured.Accumulators.BasicPaid.Fen);
        var hospitalSide = await BeijingNode.ReadVisitAsync(referred.PsnNo, remoteVisit, referred.InsuplcAdmdvs);
        Assert.Equal(away.SetlId, hospitalSide!.SetlId);
        Assert.Equal(2, hospitalSide.LineCount);
        var personSide = await JinzhongNode.ReadVisitAsync(referred.PsnNo, remoteVisit);
        Assert.Equal(away.SetlId, personSide!.SetlId);
        Assert.Equal(400_000, personSide.Totals.MedFeeSum.Fen);
    }

    [Fact]
    public async Task Settle_WithinIntegrationZone_NeedsNoFilingAndAppliesTheZoneReduction()
    {
        // Arrange: an employee insured in Taiyuan, admitted in Jinzhong (both in the central Shanxi cluster), no filing.
        // Bill: class A 3,000.00 = 300,000; per-visit deductible (tertiary) 90,000; eligible 210,000.
        var person = await _network[Taiyuan].AddPersonAsync();
        var visit = await JinzhongNode.OpenVisitAsync(person, MedType.Inpatient, [Line("1", ClassA, 3000.00m, 1m)], JinzhongHospital);

        // Act: pre-settle (2303, commits nothing), then settle.
        var request = JinzhongNode.NewSettle(person, visit, hospital: JinzhongHospital);
        var preview = await JinzhongNode.Settlement.PreSettleAsync(request);
        Assert.Equal(0, (await _network[Taiyuan].ReadPersonAsync(person.PsnNo)).Accumulators.BasicPaid.Fen);
        var settled = await JinzhongNode.Settlement.SettleAsync(request);

        // Assert: R = 85% − 5 points for the zone = 80% → hifp 168,000; cash 132,000; the preview said the same.
        Assert.Equal(preview.Split, settled.Split);
        Assert.Equal(168_000, (await _network[Taiyuan].ReadPersonAsync(person.PsnNo)).Accumulators.BasicPaid.Fen);
        Assert.True(settled.Split.IntegrationZone);
        Assert.Equal(FilingClass.Unspecified, settled.Split.FilingClass);
        Assert.Equal(8_000, settled.Split.HifpRatioBp);
        Assert.Equal(168_000, settled.Split.HifpPay);
        Assert.Equal(132_000, settled.Split.PsnCashPay);
    }

    [Fact]
    public async Task RegisterVisit_CrossProvinceWithoutFiling_RefusedAtTreatmentCityButEmergencySettles()
    {
        var person = await JinzhongNode.AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentAdult);

        var failure = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "FILING_REQUIRED",
            () => BeijingNode.Settlement.RegisterVisitAsync(BeijingNode.NewRegistration(person, MedType.GeneralOutpatient, BeijingHospital)).ResponseAsync);
        Assert.Contains("no filing covering 110100", failure.Message, StringComparison.Ordinal);

        // An emergency (急诊) settles without a filing: resident outpatient, yearly deductible 5,000, R = 50% − 10 points
        // (emergency, cross-province) = 40%. Bill 20,000: dedc 5,000, eligible 15,000 → hifp 6,000, cash 14,000.
        var visit = await BeijingNode.OpenVisitAsync(person, MedType.Emergency, [Line("1", ClassA, 200.00m, 1m)], BeijingHospital);
        var settled = await BeijingNode.Settlement.SettleAsync(BeijingNode.NewSettle(person, visit, hospital: BeijingHospital));
        Assert.Equal(FilingClass.Emergency, settled.Split.FilingClass);
        Assert.Equal(5_000, settled.Split.ActPayDedc);
        Assert.Equal(4_000, settled.Split.HifpRatioBp);
        Assert.Equal(6_000, settled.Split.HifpPay);
        Assert.Equal(14_000, settled.Split.PsnCashPay);
    }

    [Fact]
    public async Task Settle_AnswerDroppedBetweenHops_RetryWithSameMsgidReturnsTheCommittedSettlementAndPaysOnce()
    {
        // Arrange: a referred child from Jinzhong in Beijing; the Beijing provincial relay will lose the next answer.
        var person = await JinzhongNode.AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentMinor);
        await _network.FileAsync(person, FilingClass.Referral, "110000", "2026-06-01");
        var visit = await BeijingNode.OpenVisitAsync(person, MedType.Inpatient, [Line("1", ClassA, 3000.00m, 1m), Line("2", ClassB, 1000.00m, 1m)], BeijingHospital);
        var request = BeijingNode.NewSettle(person, visit, hospital: BeijingHospital);
        _network.Dropper.Arm();

        // Act 1: the insured city commits, the answer is lost on the way back: the terminal sees UNAVAILABLE.
        var lost = await RpcAssert.FailsAsync(StatusCode.Unavailable, "HOP_UNAVAILABLE", () => BeijingNode.Settlement.SettleAsync(request).ResponseAsync);
        Assert.Contains(Beijing, lost.Message, StringComparison.Ordinal);
        Assert.Equal(145_000, (await JinzhongNode.ReadPersonAsync(person.PsnNo)).Accumulators.BasicPaid.Fen);
        Assert.Equal(Domain.Visits.VisitStatus.Open, (await BeijingNode.ReadVisitAsync(person.PsnNo, visit, person.InsuplcAdmdvs))!.Status);

        // Act 2: the terminal retries with the same msgid, twice.
        var first = await BeijingNode.Settlement.SettleAsync(request);
        var second = await BeijingNode.Settlement.SettleAsync(request);

        // Assert: the stored settlement comes back, the hospital side records it, and the fund paid once.
        Assert.Equal(first.SetlId, second.SetlId);
        Assert.Equal(145_000, first.Split.HifpPay);
        Assert.Equal(145_000, (await JinzhongNode.ReadPersonAsync(person.PsnNo)).Accumulators.BasicPaid.Fen);
        var hospitalSide = await BeijingNode.ReadVisitAsync(person.PsnNo, visit, person.InsuplcAdmdvs);
        Assert.Equal(Domain.Visits.VisitStatus.Settled, hospitalSide!.Status);
        Assert.Equal(first.SetlId, hospitalSide.SetlId);

        // A changed payload under the same msgid is still ALREADY_EXISTS across the network.
        var changed = request.Clone();
        changed.AcctUsedFlag = true;
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "MSGID_REUSED", () => BeijingNode.Settlement.SettleAsync(changed).ResponseAsync);
    }

    [Fact]
    public async Task CancelAndReverse_CrossProvince_RestoreTheInsuredCitysAccumulatorsExactly()
    {
        // Arrange: an employee of Jinzhong with 1,000.00 in the account, on a long-term filing to Beijing.
        var person = await JinzhongNode.AddPersonAsync(balanceFen: 100_000);
        await _network.FileAsync(person, FilingClass.LongTermResident, "110000", "2026-01-01");
        var visit = await BeijingNode.OpenVisitAsync(person, MedType.Inpatient, [Line("1", ClassA, 3000.00m, 1m)], BeijingHospital);
        var before = await JinzhongNode.ReadPersonAsync(person.PsnNo);

        // Act 1: settle, then cancel (2208/2305) from the Beijing terminal.
        var settled = await BeijingNode.Settlement.SettleAsync(BeijingNode.NewSettle(person, visit, useAccount: true, hospital: BeijingHospital));
        Assert.NotEqual(before.Accumulators, (await JinzhongNode.ReadPersonAsync(person.PsnNo)).Accumulators);
        var cancelled = await BeijingNode.Settlement.CancelSettlementAsync(new CancelSettlementRequest
        {
            Msgid = BeijingNode.NextMsgid(BeijingHospital), FixmedinsCode = BeijingHospital, PsnNo = person.PsnNo,
            InsuplcAdmdvs = person.InsuplcAdmdvs, MdtrtId = visit, SetlId = settled.SetlId,
        });

        // Assert 1: every accumulator and the balance are back; the visit is open on both sides.
        var afterCancel = await JinzhongNode.ReadPersonAsync(person.PsnNo);
        Assert.Equal(before.Accumulators, afterCancel.Accumulators);
        Assert.Equal(100_000, afterCancel.Balance.Fen);
        Assert.Equal(100_000, cancelled.Balc);
        Assert.Equal(settled.Split.HifpPay, cancelled.Restored.HifpPay);
        Assert.Equal(Domain.Visits.VisitStatus.Open, (await BeijingNode.ReadVisitAsync(person.PsnNo, visit, person.InsuplcAdmdvs))!.Status);

        // Act 2: settle again, then reverse (2601) that settle by its msgid.
        var again = BeijingNode.NewSettle(person, visit, useAccount: true, hospital: BeijingHospital);
        var resettled = await BeijingNode.Settlement.SettleAsync(again);
        var reversed = await BeijingNode.Settlement.ReverseAsync(new ReverseRequest
        {
            Msgid = BeijingNode.NextMsgid(BeijingHospital), FixmedinsCode = BeijingHospital, PsnNo = person.PsnNo,
            InsuplcAdmdvs = person.InsuplcAdmdvs, Omsgid = again.Msgid, Oinfno = "2304",
        });

        // Assert 2
        Assert.Equal(ReverseOutcome.Reversed, reversed.Outcome);
        Assert.Equal(resettled.SetlId, reversed.SetlId);
        Assert.Equal(visit, reversed.MdtrtId);
        var afterReverse = await JinzhongNode.ReadPersonAsync(person.PsnNo);
        Assert.Equal(before.Accumulators, afterReverse.Accumulators);
        Assert.Equal(100_000, afterReverse.Balance.Fen);
        Assert.Equal(Domain.Visits.VisitStatus.Open, (await BeijingNode.ReadVisitAsync(person.PsnNo, visit, person.InsuplcAdmdvs))!.Status);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "MSGID_REVERSED", () => BeijingNode.Settlement.SettleAsync(again).ResponseAsync);
    }

    [Fact]
    public async Task Settle_CrossProvince_TraceContextAndADeadlineInsideTheCallersReachTheInsuredCity()
    {
        var person = await JinzhongNode.AddPersonAsync();
        var visit = await BeijingNode.OpenVisitAsync(person, MedType.Emergency, [Line("1", ClassA, 200.00m, 1m)], BeijingHospital);
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        var deadline = DateTime.UtcNow.AddSeconds(7);

        await BeijingNode.Settlement.SettleAsync(
            BeijingNode.NewSettle(person, visit, hospital: BeijingHospital),
            new Metadata { { "traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01" } },
            deadline);

        // Four hops later (Beijing → national → Shanxi → Jinzhong) the call carries the same trace, and a deadline inside
        // the caller's: each hop keeps a tenth of the time left, at most 500 ms, to send a refusal back, and the national
        // node, which has a standby address of Shanxi to fall back on, gives the active one half of the rest (at most
        // 3 s, Node:HopAttemptTimeout). From 7 s: 7 − 0.5 − 0.5 → 6 s at the national node → (6 − 0.5) / 2 = 2.75 s to
        // Shanxi → 2.75 − 0.275 = 2.475 s to Jinzhong, i.e. 4.525 s before the caller's deadline, less the time taken.
        var received = _network.JinzhongCalls.Last("/adjudication.v1.NetworkService/Adjudicate");
        Assert.NotNull(received);
        Assert.Contains(traceId, received.Value.TraceParent, StringComparison.Ordinal);
        Assert.InRange(received.Value.Deadline, deadline.AddSeconds(-4.55), deadline.AddSeconds(-3.5));
    }

    [Fact]
    public async Task GetPerson_InsuredInAnotherProvince_IsAnsweredByTheInsuredCity()
    {
        var person = await JinzhongNode.AddPersonAsync(balanceFen: 12_345);

        var found = await BeijingNode.Settlement.GetPersonAsync(new GetPersonRequest
        {
            FixmedinsCode = BeijingHospital, MdtrtCertType = MdtrtCertType.IdCard, MdtrtCertNo = person.CertNo, InsuplcAdmdvs = person.InsuplcAdmdvs,
        });

        Assert.Equal(person.PsnNo, found.PsnNo);
        Assert.Equal("140700", found.InsuplcAdmdvs);
        Assert.Equal(12_345, found.Balc);
    }
}
