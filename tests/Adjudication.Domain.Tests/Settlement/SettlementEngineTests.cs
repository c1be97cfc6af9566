using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Policy;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Tests.Support;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Tests.Settlement;

/// <summary>
/// DESIGN.md §4.2 with hand-computed cases on the test policies (see <see cref="TestPolicies"/>). Every case also
/// checks every identity of §4 (<see cref="SplitAssert.Identities"/>). Amounts in fen.
/// </summary>
public sealed class SettlementEngineTests
{
    private static SettlementComputation Compute(in SettlementInput input, SettlementPolicy policy)
    {
        var computation = SettlementEngine.Compute(input, policy);
        SplitAssert.Identities(input, computation);
        return computation;
    }

    [Fact]
    public void Compute_EmployeeTertiaryInpatient_DeductibleThenBasicAtRatioThenAccount()
    {
        // Arrange: medfee 1,100,000 = fulamt 50,000 + overlmt 10,000 + preselfpay 40,000 + inscp 1,000,000.
        // R = 8500 (tertiary, in service). act_pay_dedc = min(1,000,000, 120,000) = 120,000; eligible = 880,000;
        // hifp = round(880,000 × 0.85) = 748,000; measure 0 → 880,000 stays below L = 12,000,000 → hifob 0.
        // fund = 748,000; psn_part = 1,100,000 − 748,000 = 352,000; acct = min(100,000, 352,000) = 100,000;
        // cash = 252,000; balance after 0; pool_prop_selfpay = 880,000 − 748,000 = 132,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(fullOwnPay: 50_000, overLimit: 10_000, preSelfPay: 40_000, inScope: 1_000_000),
            useAccount: true,
            accountBalance: 100_000);

        // Act
        var result = Compute(input, TestPolicies.Employee());

        // Assert
        var s = result.Split;
        Assert.Equal(8_500, s.BasicRatioBp);
        Assert.Equal(1_100_000, s.MedFeeSum.Fen);
        Assert.Equal(120_000, s.Deductible.Fen);
        Assert.Equal(748_000, s.BasicFund.Fen);
        Assert.Equal(132_000, (s.InScope - s.Deductible - s.BasicFund).Fen);
        Assert.Equal(0, s.LargeAmount.Fen);
        Assert.Equal(0, s.CriticalIllness.Fen);
        Assert.Equal(0, s.Assistance.Fen);
        Assert.Equal(748_000, s.FundPaySum.Fen);
        Assert.Equal(352_000, s.PersonalPart.Fen);
        Assert.Equal(100_000, s.AccountPay.Fen);
        Assert.Equal(252_000, s.CashPay.Fen);
        Assert.Equal(0, s.BalanceAfter.Fen);
        // burden = inscp − hifp = 1,000,000 − 748,000 = 252,000.
        SplitAssert.SameYear(TestPolicies.Year(0, 880_000, 748_000, 252_000, 0, 0), result.Delta, TestPolicies.Employee());
        Assert.Equal(100_000, result.AccountDebit.Fen);
    }

    [Fact]
    public void Compute_YearlyDeductiblePartlyUsed_OnlyRemainderDeducted()
    {
        // Arrange: outpatient, yearly deductible 180,000 of which 150,000 used earlier → 30,000 left.
        // inscp 100,000: act_pay_dedc = min(100,000, 30,000) = 30,000; eligible 70,000; R 5000 →
        // hifp = 35,000 (measure 400,000 → 470,000 < L; ceiling left 11,800,000). psn_part = 65,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(0, 0, 0, 100_000),
            medType: MedType.GeneralOutpatient,
            level: HospitalLevel.Secondary,
            year: TestPolicies.Year(deductibleUsed: 150_000, eligibleCumulative: 400_000, basicPaid: 200_000));

        // Act
        var s = Compute(input, TestPolicies.Employee()).Split;

        // Assert
        Assert.Equal(5_000, s.BasicRatioBp);
        Assert.Equal(30_000, s.Deductible.Fen);
        Assert.Equal(35_000, s.BasicFund.Fen);
        Assert.Equal(35_000, (s.InScope - s.Deductible - s.BasicFund).Fen);
        Assert.Equal(35_000, s.FundPaySum.Fen);
        Assert.Equal(65_000, s.PersonalPart.Fen);
        Assert.Equal(65_000, s.CashPay.Fen);
    }

    [Fact]
    public void Compute_YearlyDeductibleOverUsed_NoDeductible()
    {
        // Arrange: used 200,000 > deductible 180,000 → remaining clamps to 0; inscp 100,000 → hifp 50,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(0, 0, 0, 100_000),
            medType: MedType.GeneralOutpatient,
            year: TestPolicies.Year(deductibleUsed: 200_000));

        // Act
        var s = Compute(input, TestPolicies.Employee()).Split;

        // Assert
        Assert.Equal(0, s.Deductible.Fen);
        Assert.Equal(50_000, s.BasicFund.Fen);
        Assert.Equal(50_000, s.PersonalPart.Fen);
    }

    [Fact]
    public void Compute_YearlyDeductibleThreadedThroughTwoVisits_DeductedOnce()
    {
        // Arrange: two outpatient visits of inscp 100,000 each.
        // Visit 1: act_pay_dedc = min(100,000, 180,000) = 100,000; eligible 0; hifp 0.
        // Visit 2 (used 100,000): act_pay_dedc = min(100,000, 80,000) = 80,000; eligible 20,000; hifp 10,000.
        var policy = TestPolicies.Employee();
        var items = TestPolicies.Items(0, 0, 0, 100_000);
        var first = Compute(TestPolicies.Input(items, medType: MedType.GeneralOutpatient), policy);

        // Act
        var second = Compute(TestPolicies.Input(items, medType: MedType.GeneralOutpatient, year: YearAccumulators.Empty.Plus(first.Delta)), policy);

        // Assert
        Assert.Equal(100_000, first.Split.Deductible.Fen);
        Assert.Equal(0, first.Split.BasicFund.Fen);
        Assert.Equal(80_000, second.Split.Deductible.Fen);
        Assert.Equal(10_000, second.Split.BasicFund.Fen);
        Assert.Equal(90_000, second.Split.PersonalPart.Fen);
    }

    [Fact]
    public void Compute_InpatientPerVisitDeductibleEarlier_OutpatientYearlyDeductibleUntouched()
    {
        // Arrange: the employee policy has two separate deductibles: inpatient 120,000 per visit and outpatient
        // 180,000 a year. A tertiary inpatient stay (inscp 1,000,000) pays its 120,000 per-visit deductible.
        // A later outpatient visit (inscp 300,000) has used none of the outpatient deductible, so
        // act_pay_dedc = min(300,000, 180,000 − 0) = 180,000; eligible 120,000; hifp = 120,000 × 0.5 = 60,000;
        // psn_part 240,000.
        // A per-visit deductible must not count against the yearly one (it once did, and the fund overpaid 600 yuan).
        var policy = TestPolicies.Employee();
        var stay = Compute(TestPolicies.Input(TestPolicies.Items(0, 0, 0, 1_000_000)), policy);
        var year = YearAccumulators.Empty.Plus(stay.Delta);

        // Act
        var outpatient = Compute(TestPolicies.Input(TestPolicies.Items(0, 0, 0, 300_000), medType: MedType.GeneralOutpatient, year: year), policy);

        // Assert
        Assert.Equal(120_000, stay.Split.Deductible.Fen);
        Assert.Equal(180_000, outpatient.Split.Deductible.Fen);
        Assert.Equal(60_000, outpatient.Split.BasicFund.Fen);
        Assert.Equal(240_000, outpatient.Split.PersonalPart.Fen);
    }

    [Fact]
    public void Compute_PerVisitDeductible_IgnoresWhatWasUsedEarlier()
    {
        // Arrange: tertiary inpatient, per-visit deductible 120,000; 500,000 already "used" this year does not count.
        // inscp 300,000: act_pay_dedc 120,000; eligible 180,000; hifp = round(180,000 × 0.85) = 153,000; psn 147,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(0, 0, 0, 300_000),
            year: TestPolicies.Year(deductibleUsed: 500_000));

        // Act
        var s = Compute(input, TestPolicies.Employee()).Split;

        // Assert
        Assert.Equal(120_000, s.Deductible.Fen);
        Assert.Equal(153_000, s.BasicFund.Fen);
        Assert.Equal(147_000, s.PersonalPart.Fen);
    }

    [Fact]
    public void Compute_InScopeBelowDeductible_DeductibleIsInScopeAndFundsPayNothing()
    {
        // Arrange: inscp 50,000 < deductible 120,000 → act_pay_dedc 50,000, eligible 0, hifp 0;
        // psn_part = medfee 70,000 (fulamt 20,000 + inscp 50,000).
        var input = TestPolicies.Input(TestPolicies.Items(20_000, 0, 0, 50_000));

        // Act
        var s = Compute(input, TestPolicies.Employee()).Split;

        // Assert
        Assert.Equal(50_000, s.Deductible.Fen);
        Assert.Equal(0, s.BasicFund.Fen);
        Assert.Equal(0, s.FundPaySum.Fen);
        Assert.Equal(70_000, s.PersonalPart.Fen);
    }

    [Fact]
    public void Compute_CeilingReached_BasicIsCapMinusAlreadyPaid()
    {
        // Arrange: ceiling lowered to 8,000,000 (80,000 yuan) so it binds inside the band.
        // Before: eligible cumulative 9,000,000, basic paid 7,650,000. inscp 2,120,000 → act_pay_dedc 120,000,
        // eligible 2,000,000, measure 9,000,000 → 11,000,000 all inside [0, 12,000,000):
        // uncapped = 2,000,000 × 0.85 = 1,700,000; cap left = 8,000,000 − 7,650,000 = 350,000 → hifp 350,000.
        // Large amount: the measure stays below 12,000,000 → 0. psn_part = 2,120,000 − 350,000 = 1,770,000.
        var policy = TestPolicies.WithLayer(TestPolicies.Employee(), FundLayer.Basic(FundPayType.EmployeePool, new Money(12_000_000), new Money(8_000_000)));
        var input = TestPolicies.Input(
            TestPolicies.Items(0, 0, 0, 2_120_000),
            year: TestPolicies.Year(eligibleCumulative: 9_000_000, basicPaid: 7_650_000));

        // Act
        var result = Compute(input, policy);

        // Assert
        var s = result.Split;
        Assert.Equal(350_000, s.BasicFund.Fen);
        Assert.Equal(1_650_000, (s.InScope - s.Deductible - s.BasicFund).Fen);
        Assert.Equal(0, s.LargeAmount.Fen);
        Assert.Equal(1_770_000, s.PersonalPart.Fen);
        Assert.Equal(8_000_000, input.Year.Plus(result.Delta)[AccumulatorId.PaidBy(FundPayType.EmployeePool)].Fen);
    }

    [Fact]
    public void Compute_CeilingAlreadyExceeded_BasicPaysNothing()
    {
        // Arrange: basic paid 8,100,000 > ceiling 8,000,000 (e.g. a ceiling lowered mid-year) → cap left clamps to 0.
        var policy = TestPolicies.WithLayer(TestPolicies.Employee(), FundLayer.Basic(FundPayType.EmployeePool, new Money(12_000_000), new Money(8_000_000)));
        var input = TestPolicies.Input(
            TestPolicies.Items(0, 0, 0, 1_120_000),
            year: TestPolicies.Year(eligibleCumulative: 9_000_000, basicPaid: 8_100_000));

        // Act
        var s = Compute(input, policy).Split;

        // Assert: eligible 1,000,000 all personal.
        Assert.Equal(0, s.BasicFund.Fen);
        Assert.Equal(1_000_000, (s.InScope - s.Deductible - s.BasicFund).Fen);
        Assert.Equal(1_120_000, s.PersonalPart.Fen);
    }

    [Theory]
    // inscp 1,120,000 each. Tertiary deductible 120,000 → eligible 1,000,000; other levels 80,000 → 1,040,000.
    [InlineData(HospitalLevel.Tertiary, PersonType.Retiree, 9_000, 120_000, 900_000)]          // level + person rule (score 3)
    [InlineData(HospitalLevel.Tertiary, PersonType.EmployeeInService, 8_500, 120_000, 850_000)] // level rule (2)
    [InlineData(HospitalLevel.Secondary, PersonType.Retiree, 8_800, 80_000, 915_200)]          // person rule (1): 1,040,000 × 0.88
    [InlineData(HospitalLevel.Secondary, PersonType.EmployeeInService, 8_000, 80_000, 832_000)] // general (0): 1,040,000 × 0.80
    public void Compute_SeveralRatioRulesMatch_MostSpecificWins(
        HospitalLevel level, PersonType personType, int expectedRatio, long expectedDeductible, long expectedBasic)
    {
        // Arrange
        var input = TestPolicies.Input(TestPolicies.Items(0, 0, 0, 1_120_000), level: level, personType: personType);

        // Act
        var s = Compute(input, TestPolicies.Employee()).Split;

        // Assert
        Assert.Equal(expectedRatio, s.BasicRatioBp);
        Assert.Equal(expectedDeductible, s.Deductible.Fen);
        Assert.Equal(expectedBasic, s.BasicFund.Fen);
        Assert.Equal(1_120_000 - expectedBasic, s.PersonalPart.Fen);
    }

    [Fact]
    public void Compute_LevelRuleAndPersonRuleBothMatch_LevelRuleWins()
    {
        // Arrange: without the (tertiary, retiree) rule, a tertiary retiree matches (tertiary, any) 8500 and
        // (any, retiree) 8800. DESIGN.md §4.2 step 2 does not rank the two; the engine scores a level match (2)
        // above a person-type match (1), so 8500 applies: eligible 1,000,000 → hifp 850,000.
        var policy = TestPolicies.Employee();
        policy = policy with { Ratios = [.. policy.Ratios.Where(r => !(r.Level == HospitalLevel.Tertiary && r.PersonType == PersonType.Retiree))] };
        var input = TestPolicies.Input(TestPolicies.Items(0, 0, 0, 1_120_000), personType: PersonType.Retiree);

        // Act
        var s = Compute(input, policy).Split;

        // Assert
        Assert.Equal(8_500, s.BasicRatioBp);
        Assert.Equal(850_000, s.BasicFund.Fen);
    }

    [Fact]
    public void Compute_CrossProvinceReferral_ReductionLowersRatio()
    {
        // Arrange: R = 8500 − 1000 = 7500; inscp 1,120,000 → eligible 1,000,000 → hifp 750,000; psn 370,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(0, 0, 0, 1_120_000),
            eligibility: new EligibilityDecision(Scope.CrossProvince, FilingClass.Referral, false, 1_000));

        // Act
        var s = Compute(input, TestPolicies.Employee()).Split;

        // Assert
        Assert.Equal(7_500, s.BasicRatioBp);
        Assert.Equal(750_000, s.BasicFund.Fen);
        Assert.Equal(370_000, s.PersonalPart.Fen);
    }

    [Fact]
    public void Compute_IntegrationZone_ZoneReductionLowersRatio()
    {
        // Arrange: R = 8500 − 500 = 8000; eligible 1,000,000 → hifp 800,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(0, 0, 0, 1_120_000),
            eligibility: new EligibilityDecision(Scope.InProvince, FilingClass.None, true, 500));

        // Act
        var s = Compute(input, TestPolicies.Employee()).Split;

        // Assert
        Assert.Equal(8_000, s.BasicRatioBp);
        Assert.Equal(800_000, s.BasicFund.Fen);
    }

    [Fact]
    public void Compute_ReductionAboveRatio_RatioFloorsAtZero()
    {
        // Arrange: outpatient R = max(0, 5000 − 6000) = 0. inscp 300,000 → act_pay_dedc 180,000, eligible 120,000,
        // hifp 0, pool_prop_selfpay 120,000, psn_part 300,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(0, 0, 0, 300_000),
            medType: MedType.GeneralOutpatient,
            eligibility: new EligibilityDecision(Scope.InProvince, FilingClass.None, true, 6_000));

        // Act
        var s = Compute(input, TestPolicies.Employee()).Split;

        // Assert
        Assert.Equal(0, s.BasicRatioBp);
        Assert.Equal(180_000, s.Deductible.Fen);
        Assert.Equal(0, s.BasicFund.Fen);
        Assert.Equal(120_000, (s.InScope - s.Deductible - s.BasicFund).Fen);
        Assert.Equal(300_000, s.PersonalPart.Fen);
    }

    [Fact]
    public void Compute_HalfFenBasicPayment_RoundsHalfAwayFromZero()
    {
        // Arrange: outpatient, deductible used up; eligible 11 fen × 50% = 5.5 → hifp 6; psn_part 5.
        var input = TestPolicies.Input(
            TestPolicies.Items(0, 0, 0, 11),
            medType: MedType.GeneralOutpatient,
            year: TestPolicies.Year(deductibleUsed: 180_000));

        // Act
        var s = Compute(input, TestPolicies.Employee()).Split;

        // Assert
        Assert.Equal(6, s.BasicFund.Fen);
        Assert.Equal(5, s.PersonalPart.Fen);
    }

    [Fact]
    public void Compute_EmployeeCrossingBandLimit_LargeAmountPaysAboveLimit()
    {
        // Arrange: before: eligible cumulative 11,500,000, basic paid 9,775,000 (= 11,500,000 × 0.85).
        // medfee 1,150,000 = fulamt 30,000 + inscp 1,120,000; act_pay_dedc 120,000; eligible 1,000,000;
        // measure 11,500,000 → 12,500,000.
        // hifp = [11.5M, 12M) = 500,000 × 0.85 = 425,000 (cap left 12,000,000 − 9,775,000 = 2,225,000).
        // hifob = [12M, 12.5M) = 500,000 × 0.90 = 450,000 (cap left 40,000,000).
        // fund 875,000; psn_part = 1,150,000 − 875,000 = 275,000; pool_prop_selfpay = 1,000,000 − 425,000 = 575,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(30_000, 0, 0, 1_120_000),
            year: TestPolicies.Year(eligibleCumulative: 11_500_000, basicPaid: 9_775_000));

        // Act
        var result = Compute(input, TestPolicies.Employee());

        // Assert
        var s = result.Split;
        Assert.Equal(425_000, s.BasicFund.Fen);
        Assert.Equal(450_000, s.LargeAmount.Fen);
        Assert.Equal(0, s.CriticalIllness.Fen);
        Assert.Equal(875_000, s.FundPaySum.Fen);
        Assert.Equal(575_000, (s.InScope - s.Deductible - s.BasicFund).Fen);
        Assert.Equal(275_000, s.PersonalPart.Fen);
        SplitAssert.SameYear(TestPolicies.Year(0, 1_000_000, 425_000, 695_000, 450_000, 0), result.Delta, TestPolicies.Employee());
    }

    [Fact]
    public void Compute_LargeAmountNearYearlyCap_CappedAtCapMinusPaid()
    {
        // Arrange: before: eligible cumulative 50,000,000 (far above L), basic paid 10,200,000, hifob paid 39,800,000.
        // eligible 1,000,000 → hifp 0 (measure above L); hifob uncapped 900,000, cap left 40,000,000 − 39,800,000 = 200,000.
        // psn_part = 1,120,000 − 200,000 = 920,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(0, 0, 0, 1_120_000),
            year: TestPolicies.Year(eligibleCumulative: 50_000_000, basicPaid: 10_200_000, secondLayerPaid: 39_800_000));

        // Act
        var s = Compute(input, TestPolicies.Employee()).Split;

        // Assert
        Assert.Equal(0, s.BasicFund.Fen);
        Assert.Equal(200_000, s.LargeAmount.Fen);
        Assert.Equal(920_000, s.PersonalPart.Fen);
    }

    [Fact]
    public void Compute_ResidentCriticalIllnessAcrossThreeTiers_EachTierAtItsRatio()
    {
        // Arrange: resident, tertiary (R 7000, per-visit deductible 100,000).
        // Before: eligible cumulative 14,000,000, basic paid 9,800,000, burden cumulative 9,000,000, hifmi paid 4,500,000.
        // medfee 14,000,000 = fulamt 500,000 + preselfpay 700,000 + inscp 12,800,000.
        // act_pay_dedc 100,000; eligible 12,700,000; basic measure 14M → 26.7M: only [14M, 15M) in the band →
        // hifp = 1,000,000 × 0.70 = 700,000 (cap left 5,200,000).
        // burden = inscp − hifp = 12,100,000; measure 9,000,000 → 21,100,000:
        //   [1.5M, 10M)  60%: 1,000,000 × 0.6 =   600,000
        //   [10M, 20M)   70%: 10,000,000 × 0.7 = 7,000,000
        //   [20M, ∞)     80%: 1,100,000 × 0.8 =   880,000   → hifmi 8,480,000 (cap left 35,500,000).
        // Not assistance-eligible → maf 0. fund = 9,180,000; psn_part = 14,000,000 − 9,180,000 = 4,820,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(500_000, 0, 700_000, 12_800_000),
            personType: PersonType.ResidentAdult,
            year: TestPolicies.Year(eligibleCumulative: 14_000_000, basicPaid: 9_800_000, burdenCumulative: 9_000_000, secondLayerPaid: 4_500_000));

        // Act
        var result = Compute(input, TestPolicies.Resident());

        // Assert
        var s = result.Split;
        Assert.Equal(7_000, s.BasicRatioBp);
        Assert.Equal(100_000, s.Deductible.Fen);
        Assert.Equal(700_000, s.BasicFund.Fen);
        Assert.Equal(12_000_000, (s.InScope - s.Deductible - s.BasicFund).Fen);
        Assert.Equal(8_480_000, s.CriticalIllness.Fen);
        Assert.Equal(0, s.LargeAmount.Fen);
        Assert.Equal(0, s.Assistance.Fen);
        Assert.Equal(9_180_000, s.FundPaySum.Fen);
        Assert.Equal(4_820_000, s.PersonalPart.Fen);
        Assert.Equal(4_820_000, s.CashPay.Fen);
        SplitAssert.SameYear(TestPolicies.Year(0, 12_700_000, 700_000, 12_100_000, 8_480_000, 0), result.Delta, TestPolicies.Resident());
    }

    [Fact]
    public void Compute_ResidentBurdenCrossingThreshold_OnlyPartAboveThresholdPaid()
    {
        // Arrange: burden cumulative 1,000,000 before; inscp 2,100,000 → act_pay_dedc 100,000, eligible 2,000,000,
        // hifp 1,400,000; burden 700,000; measure 1,000,000 → 1,700,000: [1.5M, 1.7M) = 200,000 × 0.6 = 120,000.
        // fund 1,520,000; psn_part 580,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(0, 0, 0, 2_100_000),
            personType: PersonType.ResidentAdult,
            year: TestPolicies.Year(burdenCumulative: 1_000_000));

        // Act
        var s = Compute(input, TestPolicies.Resident()).Split;

        // Assert
        Assert.Equal(1_400_000, s.BasicFund.Fen);
        Assert.Equal(120_000, s.CriticalIllness.Fen);
        Assert.Equal(1_520_000, s.FundPaySum.Fen);
        Assert.Equal(580_000, s.PersonalPart.Fen);
    }

    [Fact]
    public void Compute_CriticalIllnessNearYearlyCap_CappedAtCapMinusPaid()
    {
        // Arrange: before: eligible cumulative 20,000,000 (above L 15,000,000), basic paid 10,500,000,
        // burden cumulative 30,000,000, hifmi paid 39,950,000. inscp 1,100,000 → eligible 1,000,000, hifp 0;
        // burden 1,100,000 at 80% = 880,000, cap left 50,000 → hifmi 50,000. psn_part 1,050,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(0, 0, 0, 1_100_000),
            personType: PersonType.ResidentAdult,
            year: TestPolicies.Year(eligibleCumulative: 20_000_000, basicPaid: 10_500_000, burdenCumulative: 30_000_000, secondLayerPaid: 39_950_000));

        // Act
        var s = Compute(input, TestPolicies.Resident()).Split;

        // Assert
        Assert.Equal(0, s.BasicFund.Fen);
        Assert.Equal(50_000, s.CriticalIllness.Fen);
        Assert.Equal(1_050_000, s.PersonalPart.Fen);
    }

    [Fact]
    public void Compute_AssistanceEligible_PaysRatioOfRemainingInScope()
    {
        // Arrange: inscp 1,100,000 → act_pay_dedc 100,000, eligible 1,000,000, hifp 700,000; burden 400,000 stays
        // below the 1,500,000 threshold → hifmi 0. maf = round((1,100,000 − 700,000 − 0) × 0.70) = 280,000.
        // fund 980,000; psn_part 120,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(0, 0, 0, 1_100_000),
            personType: PersonType.ResidentAdult,
            assistanceEligible: true);

        // Act
        var result = Compute(input, TestPolicies.Resident());

        // Assert
        var s = result.Split;
        Assert.Equal(700_000, s.BasicFund.Fen);
        Assert.Equal(0, s.CriticalIllness.Fen);
        Assert.Equal(280_000, s.Assistance.Fen);
        Assert.Equal(980_000, s.FundPaySum.Fen);
        Assert.Equal(120_000, s.PersonalPart.Fen);
        Assert.Equal(280_000, result.Delta[AccumulatorId.PaidBy(FundPayType.MedicalAssistance)].Fen);
    }

    [Fact]
    public void Compute_AssistanceNearYearlyCap_CappedAtCapMinusPaid()
    {
        // Arrange: as above but 2,900,000 of the 3,000,000 cap already paid → maf = min(280,000, 100,000) = 100,000.
        // fund 800,000; psn_part 300,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(0, 0, 0, 1_100_000),
            personType: PersonType.ResidentAdult,
            assistanceEligible: true,
            year: TestPolicies.Year(assistancePaid: 2_900_000));

        // Act
        var s = Compute(input, TestPolicies.Resident()).Split;

        // Assert
        Assert.Equal(100_000, s.Assistance.Fen);
        Assert.Equal(800_000, s.FundPaySum.Fen);
        Assert.Equal(300_000, s.PersonalPart.Fen);
    }

    [Fact]
    public void Compute_AssistanceAfterCriticalIllness_SharesWhatBothLayersLeft()
    {
        // Arrange: the three-tier case, assistance-eligible: maf = round((12,800,000 − 700,000 − 8,480,000) × 0.70)
        // = round(3,620,000 × 0.7) = 2,534,000 (cap 3,000,000). fund = 700,000 + 8,480,000 + 2,534,000 = 11,714,000;
        // psn_part = 14,000,000 − 11,714,000 = 2,286,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(500_000, 0, 700_000, 12_800_000),
            personType: PersonType.ResidentAdult,
            assistanceEligible: true,
            year: TestPolicies.Year(eligibleCumulative: 14_000_000, basicPaid: 9_800_000, burdenCumulative: 9_000_000, secondLayerPaid: 4_500_000));

        // Act
        var s = Compute(input, TestPolicies.Resident()).Split;

        // Assert
        Assert.Equal(8_480_000, s.CriticalIllness.Fen);
        Assert.Equal(2_534_000, s.Assistance.Fen);
        Assert.Equal(11_714_000, s.FundPaySum.Fen);
        Assert.Equal(2_286_000, s.PersonalPart.Fen);
    }

    [Fact]
    public void Compute_AssistanceEligibleButPolicyHasNone_NoAssistance()
    {
        // Arrange: the employee policy has no assistance rule. eligible 1,000,000 → hifp 850,000; psn 270,000.
        var input = TestPolicies.Input(TestPolicies.Items(0, 0, 0, 1_120_000), assistanceEligible: true);

        // Act
        var s = Compute(input, TestPolicies.Employee()).Split;

        // Assert
        Assert.Equal(0, s.Assistance.Fen);
        Assert.Equal(270_000, s.PersonalPart.Fen);
    }

    [Fact]
    public void Compute_BalanceCoversPersonalPart_AccountPaysAllAndCashIsZero()
    {
        // Arrange: psn_part 352,000 (first case); balance 1,000,000 → acct 352,000, cash 0, balance after 648,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(50_000, 10_000, 40_000, 1_000_000),
            useAccount: true,
            accountBalance: 1_000_000);

        // Act
        var result = Compute(input, TestPolicies.Employee());

        // Assert
        Assert.Equal(352_000, result.Split.AccountPay.Fen);
        Assert.Equal(0, result.Split.CashPay.Fen);
        Assert.Equal(648_000, result.Split.BalanceAfter.Fen);
        Assert.Equal(352_000, result.AccountDebit.Fen);
    }

    [Fact]
    public void Compute_AccountNotRequested_AllCashBalanceUntouched()
    {
        // Arrange: same bill, balance 1,000,000 but UseAccount false → acct 0, cash 352,000.
        var input = TestPolicies.Input(
            TestPolicies.Items(50_000, 10_000, 40_000, 1_000_000),
            useAccount: false,
            accountBalance: 1_000_000);

        // Act
        var result = Compute(input, TestPolicies.Employee());

        // Assert
        Assert.Equal(0, result.Split.AccountPay.Fen);
        Assert.Equal(352_000, result.Split.CashPay.Fen);
        Assert.Equal(1_000_000, result.Split.BalanceAfter.Fen);
        Assert.Equal(0, result.AccountDebit.Fen);
    }

    [Fact]
    public void Compute_NegativeBalance_AccountPaysNothing()
    {
        // Arrange: an overdrawn account (−500) never pays: acct = min(max(0, −500), 352,000) = 0.
        var input = TestPolicies.Input(
            TestPolicies.Items(50_000, 10_000, 40_000, 1_000_000),
            useAccount: true,
            accountBalance: -500);

        // Act
        var result = Compute(input, TestPolicies.Employee());

        // Assert
        Assert.Equal(0, result.Split.AccountPay.Fen);
        Assert.Equal(352_000, result.Split.CashPay.Fen);
    }

    [Fact]
    public void Compute_SettleThenCancel_AccumulatorsRestored()
    {
        // Arrange: the three-tier case; a cancel subtracts exactly the delta it added (§4.2 step 8).
        var before = TestPolicies.Year(deductibleUsed: 0, eligibleCumulative: 14_000_000, basicPaid: 9_800_000, burdenCumulative: 9_000_000, secondLayerPaid: 4_500_000);
        var input = TestPolicies.Input(TestPolicies.Items(500_000, 0, 700_000, 12_800_000), personType: PersonType.ResidentAdult, year: before);
        var delta = Compute(input, TestPolicies.Resident()).Delta;

        // Act
        var after = before.Plus(delta);
        var cancelled = after.Minus(delta);

        // Assert
        SplitAssert.SameYear(TestPolicies.Year(0, 26_700_000, 10_500_000, 21_100_000, 12_980_000, 0), after, TestPolicies.Resident());
        Assert.Equal(before, cancelled);
    }

    [Fact]
    public void Compute_NoRatioRuleForGroup_PolicyIncomplete()
    {
        // Arrange: a policy with no inpatient ratio cannot settle an inpatient stay.
        var policy = TestPolicies.Employee() with { Ratios = [new RatioRule(MedGroup.Outpatient, null, null, 5_000)] };
        var input = TestPolicies.Input(TestPolicies.Items(0, 0, 0, 1_000));

        // Act
        var ex = Assert.Throws<AdjudicationException>(() => SettlementEngine.Compute(input, policy));

        // Assert
        Assert.Equal(ErrorKind.FailedPrecondition, ex.Kind);
        Assert.Equal("POLICY_INCOMPLETE", ex.Reason);
    }
}
