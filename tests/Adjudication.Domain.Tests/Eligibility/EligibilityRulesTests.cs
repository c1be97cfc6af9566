using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Policy;
using Adjudication.Domain.Tests.Support;

namespace Adjudication.Domain.Tests.Eligibility;

/// <summary>
/// DESIGN.md §4.2 step 1 and §5. The person is insured in Taiyuan (140100, Shanxi); reductions are the test
/// policy's: referral / emergency 0 in province and 1000 bp across; other temporary 1000 in / 2000 across;
/// the central Shanxi zone 500.
/// </summary>
public sealed class EligibilityRulesTests
{
    private static readonly DateOnly VisitDate = new(2026, 8, 15);
    private static readonly DateOnly YearStart = new(2026, 1, 1);
    private static readonly SettlementPolicy Policy = TestPolicies.Employee();

    // The zones Taiyuan applies, as Shanxi defined them (DESIGN.md §5, §12).
    private static readonly IReadOnlyList<IntegrationZone> Zones = [TestPolicies.ShanxiCentral];

    private static VisitFacts Visit(string treatment, MedType medType = MedType.Inpatient, string disease = "") =>
        new(treatment, VisitDate, medType, disease);

    private static AdjudicationException Refused(VisitFacts visit, params Filing[] filings) =>
        Assert.Throws<AdjudicationException>(() => EligibilityRules.Decide(TestPolicies.Person(), visit, filings, Policy, Zones));

    [Fact]
    public void Decide_LocalVisit_NoFilingNeeded()
    {
        // Arrange: treated in 140105 (小店区), a district of Taiyuan → same city.
        var visit = Visit("140105");

        // Act
        var decision = EligibilityRules.Decide(TestPolicies.Person(), visit, [], Policy, Zones);

        // Assert
        Assert.Equal(new EligibilityDecision(Scope.Local, FilingClass.None, IntegrationZone: false, ReductionBp: 0), decision);
    }

    [Fact]
    public void Decide_CrossProvinceWithoutFiling_FilingRequired()
    {
        // Arrange: treated in Shanghai 310104 with no filing.
        // Act
        var ex = Refused(Visit("310104"));

        // Assert
        Assert.Equal(ErrorKind.FailedPrecondition, ex.Kind);
        Assert.Equal(Reasons.FilingRequired, ex.Reason);
    }

    [Fact]
    public void Decide_InProvinceOutsideZoneWithoutFiling_FilingRequired()
    {
        // Arrange: Datong 140200 is in Shanxi but not in the central zone.
        // Act
        var ex = Refused(Visit("140212"));

        // Assert
        Assert.Equal(Reasons.FilingRequired, ex.Reason);
    }

    [Fact]
    public void Decide_ExpiredTemporaryFiling_FilingExpired()
    {
        // Arrange: other-temporary filing to Shanghai valid 2026-01-01 to 2026-06-30; visit 2026-08-15.
        var filing = TestPolicies.Filing(FilingClass.OtherTemporary, "310000", YearStart, new DateOnly(2026, 6, 30));

        // Act
        var ex = Refused(Visit("310104"), filing);

        // Assert
        Assert.Equal(ErrorKind.FailedPrecondition, ex.Kind);
        Assert.Equal(Reasons.FilingExpired, ex.Reason);
    }

    [Fact]
    public void Decide_TemporaryFilingLastDay_Valid()
    {
        // Arrange: the end date is inclusive: valid 2026-02-16 to 2026-08-15, visit 2026-08-15 → cross-province 2000 bp.
        var filing = TestPolicies.Filing(FilingClass.OtherTemporary, "310000", new DateOnly(2026, 2, 16), VisitDate);

        // Act
        var decision = EligibilityRules.Decide(TestPolicies.Person(), Visit("310104"), [filing], Policy, Zones);

        // Assert
        Assert.Equal(new EligibilityDecision(Scope.CrossProvince, FilingClass.OtherTemporary, false, 2_000), decision);
    }

    [Fact]
    public void Decide_RevokedFiling_FilingRequired()
    {
        // Arrange: a long-term filing to Shanghai, revoked.
        var filing = TestPolicies.Filing(FilingClass.RelocatedRetiree, "310000", YearStart, null, FilingStatus.Revoked);

        // Act
        var ex = Refused(Visit("310104"), filing);

        // Assert
        Assert.Equal(ErrorKind.FailedPrecondition, ex.Kind);
        Assert.Equal(Reasons.FilingRequired, ex.Reason);
    }

    [Fact]
    public void Decide_FilingToProvince_CoversItsCities()
    {
        // Arrange: relocated-retiree filing to Guangdong 440000; treated in Shenzhen Nanshan 440305.
        // Long-term class: no reduction configured → 0.
        var filing = TestPolicies.Filing(FilingClass.RelocatedRetiree, "440000", YearStart, null);

        // Act
        var decision = EligibilityRules.Decide(TestPolicies.Person(), Visit("440305"), [filing], Policy, Zones);

        // Assert
        Assert.Equal(new EligibilityDecision(Scope.CrossProvince, FilingClass.RelocatedRetiree, false, 0), decision);
    }

    [Fact]
    public void Decide_FilingToCity_DoesNotCoverAnotherCity()
    {
        // Arrange: filing to Shenzhen 440300; treated in Guangzhou Tianhe 440106.
        var filing = TestPolicies.Filing(FilingClass.RelocatedRetiree, "440300", YearStart, null);

        // Act
        var ex = Refused(Visit("440106"), filing);

        // Assert
        Assert.Equal(Reasons.FilingRequired, ex.Reason);
    }

    [Fact]
    public void Decide_FilingToCity_CoversItsCounties()
    {
        // Arrange: filing to Shenzhen 440300; treated in 440305 (a district of Shenzhen) → referral across: 1000 bp.
        var filing = TestPolicies.Filing(FilingClass.Referral, "440300", YearStart, new DateOnly(2026, 12, 31));

        // Act
        var decision = EligibilityRules.Decide(TestPolicies.Person(), Visit("440305"), [filing], Policy, Zones);

        // Assert
        Assert.Equal(new EligibilityDecision(Scope.CrossProvince, FilingClass.Referral, false, 1_000), decision);
    }

    [Fact]
    public void Decide_EmergencyWithoutFilingCrossProvince_EmergencyWithItsReduction()
    {
        // Arrange: med_type 13 in Shanghai, no filing → treated as filed, class Emergency, cross-province 1000 bp.
        // Act
        var decision = EligibilityRules.Decide(TestPolicies.Person(), Visit("310104", MedType.Emergency), [], Policy, Zones);

        // Assert
        Assert.Equal(new EligibilityDecision(Scope.CrossProvince, FilingClass.Emergency, false, 1_000), decision);
    }

    [Fact]
    public void Decide_EmergencyWithoutFilingInProvince_EmergencyWithZeroReduction()
    {
        // Arrange: med_type 13 in Datong (in province, outside the zone) → Emergency, in-province cap 0.
        // Act
        var decision = EligibilityRules.Decide(TestPolicies.Person(), Visit("140212", MedType.Emergency), [], Policy, Zones);

        // Assert
        Assert.Equal(new EligibilityDecision(Scope.InProvince, FilingClass.Emergency, false, 0), decision);
    }

    [Fact]
    public void Decide_EmergencyWithCostlierFiling_EmergencyReductionWins()
    {
        // Arrange: an other-temporary filing to Shanghai would cost 2000 bp; the emergency class costs 1000 bp.
        var filing = TestPolicies.Filing(FilingClass.OtherTemporary, "310000", YearStart, new DateOnly(2026, 12, 31));

        // Act
        var decision = EligibilityRules.Decide(TestPolicies.Person(), Visit("310104", MedType.Emergency), [filing], Policy, Zones);

        // Assert
        Assert.Equal(new EligibilityDecision(Scope.CrossProvince, FilingClass.Emergency, false, 1_000), decision);
    }

    [Fact]
    public void Decide_EmergencyWithExpiredFiling_StillEmergency()
    {
        // Arrange: an expired filing must not turn an emergency into FILING_EXPIRED.
        var filing = TestPolicies.Filing(FilingClass.OtherTemporary, "310000", YearStart, new DateOnly(2026, 6, 30));

        // Act
        var decision = EligibilityRules.Decide(TestPolicies.Person(), Visit("310104", MedType.Emergency), [filing], Policy, Zones);

        // Assert
        Assert.Equal(new EligibilityDecision(Scope.CrossProvince, FilingClass.Emergency, false, 1_000), decision);
    }

    [Theory]
    [InlineData("140900")] // Xinzhou
    [InlineData("140302")] // a district of Yangquan
    [InlineData("140702")] // Yuci, Jinzhong
    [InlineData("141102")] // Lishi, Lüliang
    public void Decide_IntegrationZoneMember_NoFilingZoneReduction(string treatment)
    {
        // Arrange: Taiyuan and the treatment city are both in the central Shanxi zone → no filing, 500 bp.
        // Act
        var decision = EligibilityRules.Decide(TestPolicies.Person(), Visit(treatment), [], Policy, Zones);

        // Assert
        Assert.Equal(new EligibilityDecision(Scope.InProvince, FilingClass.None, IntegrationZone: true, ReductionBp: 500), decision);
    }

    [Fact]
    public void Decide_EmergencyInIntegrationZone_NoWorseThanEmergencyOutsideZone()
    {
        // Arrange: an emergency in Datong (in province, outside the zone) settles as Emergency with 0 bp (test above).
        // The same emergency in Jinzhong (140702, inside the zone) qualifies both as an emergency (0 bp in province)
        // and as a zone visit (500 bp). The engine's own rule is that the person gets the smallest reduction that
        // applies, so the expected reduction is 0.
        // (An earlier engine returned the zone decision first → 500 bp.)
        // Act
        var decision = EligibilityRules.Decide(TestPolicies.Person(), Visit("140702", MedType.Emergency), [], Policy, Zones);

        // Assert
        Assert.Equal(0, decision.ReductionBp);
    }

    [Fact]
    public void Decide_LongTermFilingToZoneCity_FilingReductionNotZoneReduction()
    {
        // Arrange: a retiree relocated to Jinzhong with a valid long-term filing (reduction 0; long-term cap is 0).
        // Outside the zone (e.g. Datong) the same filing gives 0 bp. Inside the zone the filing still covers the
        // visit, and the smaller reduction (0 < zone 500) should win.
        // (An earlier engine let the zone short-circuit the filing → 500 bp.)
        var filing = TestPolicies.Filing(FilingClass.RelocatedRetiree, "140700", YearStart, null);

        // Act
        var decision = EligibilityRules.Decide(TestPolicies.Person(), Visit("140702"), [filing], Policy, Zones);

        // Assert
        Assert.Equal(0, decision.ReductionBp);
    }

    [Fact]
    public void Decide_ChronicOutpatientWithoutChronicFiling_ChronicDiseaseNotFiled()
    {
        // Arrange: med_type 14 for hypertension (I10.x) locally, no filing at all.
        // Act
        var ex = Refused(Visit("140105", MedType.ChronicSpecialOutpatient, "M03900"));

        // Assert
        Assert.Equal(ErrorKind.FailedPrecondition, ex.Kind);
        Assert.Equal(Reasons.ChronicDiseaseNotFiled, ex.Reason);
    }

    [Fact]
    public void Decide_ChronicOutpatientFiledForAnotherDisease_ChronicDiseaseNotFiled()
    {
        // Arrange: filed for diabetes (M03100), visit for hypertension (M03900).
        var filing = TestPolicies.Filing(FilingClass.ChronicDisease, "", YearStart, null, chronicDiseaseCode: "M03100");

        // Act
        var ex = Refused(Visit("140105", MedType.ChronicSpecialOutpatient, "M03900"), filing);

        // Assert
        Assert.Equal(Reasons.ChronicDiseaseNotFiled, ex.Reason);
    }

    [Fact]
    public void Decide_ChronicOutpatientWithMatchingFiling_Local()
    {
        // Arrange: filed for hypertension (M03900), visit for it locally.
        var filing = TestPolicies.Filing(FilingClass.ChronicDisease, "", YearStart, null, chronicDiseaseCode: "M03900");

        // Act
        var decision = EligibilityRules.Decide(TestPolicies.Person(), Visit("140105", MedType.ChronicSpecialOutpatient, "M03900"), [filing], Policy, Zones);

        // Assert
        Assert.Equal(new EligibilityDecision(Scope.Local, FilingClass.None, false, 0), decision);
    }

    [Fact]
    public void Decide_ChronicFilingRevoked_ChronicDiseaseNotFiled()
    {
        // Arrange
        var filing = TestPolicies.Filing(FilingClass.ChronicDisease, "", YearStart, null, FilingStatus.Revoked, chronicDiseaseCode: "M03900");

        // Act
        var ex = Refused(Visit("140105", MedType.ChronicSpecialOutpatient, "M03900"), filing);

        // Assert
        Assert.Equal(Reasons.ChronicDiseaseNotFiled, ex.Reason);
    }

    [Fact]
    public void Decide_InactivePerson_PersonNotInsured()
    {
        // Arrange: even a local visit is refused.
        // Act
        var ex = Assert.Throws<AdjudicationException>(() =>
            EligibilityRules.Decide(TestPolicies.Person(active: false), Visit("140105"), [], Policy, Zones));

        // Assert
        Assert.Equal(ErrorKind.FailedPrecondition, ex.Kind);
        Assert.Equal(Reasons.PersonNotInsured, ex.Reason);
    }

    [Fact]
    public void Decide_TwoValidFilings_SmallerReductionWins()
    {
        // Arrange: other-temporary (2000 bp across) listed first, referral (1000 bp across) second, both to Shanghai.
        var other = TestPolicies.Filing(FilingClass.OtherTemporary, "310000", YearStart, new DateOnly(2026, 12, 31), id: "BA1");
        var referral = TestPolicies.Filing(FilingClass.Referral, "310100", new DateOnly(2026, 8, 1), new DateOnly(2027, 1, 31), id: "BA2");

        // Act
        var decision = EligibilityRules.Decide(TestPolicies.Person(), Visit("310104"), [other, referral], Policy, Zones);

        // Assert
        Assert.Equal(new EligibilityDecision(Scope.CrossProvince, FilingClass.Referral, false, 1_000), decision);
    }

    [Fact]
    public void Decide_ValidAndExpiredFiling_ValidOneUsed()
    {
        // Arrange: an expired referral (1000 bp) and a valid other-temporary (2000 bp): the valid one decides.
        var expired = TestPolicies.Filing(FilingClass.Referral, "310000", YearStart, new DateOnly(2026, 6, 30), id: "BA1");
        var valid = TestPolicies.Filing(FilingClass.OtherTemporary, "310000", new DateOnly(2026, 7, 1), new DateOnly(2026, 12, 31), id: "BA2");

        // Act
        var decision = EligibilityRules.Decide(TestPolicies.Person(), Visit("310104"), [expired, valid], Policy, Zones);

        // Assert
        Assert.Equal(new EligibilityDecision(Scope.CrossProvince, FilingClass.OtherTemporary, false, 2_000), decision);
    }
}
