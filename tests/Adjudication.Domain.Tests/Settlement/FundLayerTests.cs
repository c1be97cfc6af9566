using Adjudication.Domain.Policy;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Tests.Support;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Tests.Settlement;

/// <summary>
/// DESIGN.md §4.3: further fund layers as policy rows, hand-computed on <see cref="TestPolicies.EmployeeWithSubsidies"/>.
/// Every named field and every detail row is asserted to the fen. Amounts in fen.
/// </summary>
public sealed class FundLayerTests
{
    private static readonly AccumulatorId CivilServantPaid = AccumulatorId.PaidBy(FundPayType.CivilServantSubsidy);
    private static readonly AccumulatorId SupplementaryPaid = AccumulatorId.PaidBy(FundPayType.EnterpriseSupplementary);
    private static readonly AccumulatorId SupplementaryBurden = AccumulatorId.BurdenOf(FundPayType.EnterpriseSupplementary);

    [Fact]
    public void Compute_CivilServantInpatient_BasicLargeAmountAndSubsidyUpToItsCap()
    {
        // Arrange: a civil servant in service, inpatient at a tertiary hospital: R 85%, deductible 1,200 yuan per visit.
        // Year so far: eligible 11,500,000 (basic paid 9,775,000), civil-servant subsidy already paid 4,900,000 of 5,000,000.
        var year = TestPolicies.Year(eligibleCumulative: 11_500_000, basicPaid: 9_775_000)
            .Plus(YearAccumulators.Of(new AccumulatorValue(CivilServantPaid, new Money(4_900_000))));
        var input = TestPolicies.Input(
            TestPolicies.Items(fullOwnPay: 50_000, overLimit: 0, preSelfPay: 100_000, inScope: 1_120_000),
            year: year, useAccount: true, accountBalance: 200_000, civilServant: true);

        // Act
        var result = SettlementEngine.Compute(input, TestPolicies.EmployeeWithSubsidies());

        // Assert: eligible = 1,120,000 − 120,000 = 1,000,000; the measure grows 11,500,000 → 12,500,000.
        // hifp: [0, 12,000,000) overlap 500,000 × 85% = 425,000 (limit 12,000,000 − 9,775,000 = 2,225,000); left 695,000.
        // hifob: [12,000,000, ∞) overlap 500,000 × 90% = 450,000 (limit 40,000,000); left 245,000.
        // cvlserv: 245,000 × 50% = 122,500, capped by the 100,000 still payable; left 145,000.
        // The enterprise layer does not cover this person. fund = 975,000; psn_part = 1,270,000 − 975,000 = 295,000;
        // account 200,000 (the whole balance), cash 95,000.
        var s = result.Split;
        Assert.Equal(1_270_000, s.MedFeeSum.Fen);
        Assert.Equal(50_000, s.FullOwnPay.Fen);
        Assert.Equal(0, s.OverLimit.Fen);
        Assert.Equal(100_000, s.PreSelfPay.Fen);
        Assert.Equal(1_120_000, s.InScope.Fen);
        Assert.Equal(120_000, s.Deductible.Fen);
        Assert.Equal(425_000, s.BasicFund.Fen);
        Assert.Equal(8_500, s.BasicRatioBp);
        Assert.Equal(100_000, s.CivilServant.Fen);
        Assert.Equal(0, s.EnterpriseSupplementary.Fen);
        Assert.Equal(0, s.CriticalIllness.Fen);
        Assert.Equal(450_000, s.LargeAmount.Fen);
        Assert.Equal(0, s.Assistance.Fen);
        Assert.Equal(0, s.Other.Fen);
        Assert.Equal(975_000, s.FundPaySum.Fen);
        Assert.Equal(295_000, s.PersonalPart.Fen);
        Assert.Equal(200_000, s.AccountPay.Fen);
        Assert.Equal(95_000, s.CashPay.Fen);
        Assert.Equal(0, s.HospitalPart.Fen);
        Assert.Equal(0, s.BalanceAfter.Fen);
        Assert.Equal(s.MedFeeSum, s.FundPaySum + s.PersonalPart + s.HospitalPart);
        Assert.Equal(
            [
                new FundPayment(FundPayType.EmployeePool, new Money(1_120_000), new Money(2_225_000), new Money(425_000)),
                new FundPayment(FundPayType.LargeAmount, new Money(695_000), new Money(40_000_000), new Money(450_000)),
                new FundPayment(FundPayType.CivilServantSubsidy, new Money(245_000), new Money(100_000), new Money(100_000)),
            ],
            s.Payments);
        Assert.Equal(
            YearAccumulators.Of(
                new(AccumulatorId.EligibleCumulative, new Money(1_000_000)),
                new(AccumulatorId.BurdenCumulative, new Money(695_000)),
                new(AccumulatorId.PaidBy(FundPayType.EmployeePool), new Money(425_000)),
                new(AccumulatorId.PaidBy(FundPayType.LargeAmount), new Money(450_000)),
                new(CivilServantPaid, new Money(100_000))),
            result.Delta);
        SplitAssert.Identities(input, result);
    }

    [Fact]
    public void Compute_EnterpriseEmployeeInpatient_BasicAndSupplementaryOnYearlyBurden()
    {
        // Arrange: an employee of an enterprise with a supplementary scheme, inpatient at a secondary hospital: R 80%,
        // deductible 800 yuan per visit. Year so far: eligible 2,000,000 (basic paid 1,600,000); the supplementary
        // layer's burden measure stands at 80,000, below its 100,000 threshold.
        var year = TestPolicies.Year(eligibleCumulative: 2_000_000, basicPaid: 1_600_000)
            .Plus(YearAccumulators.Of(new AccumulatorValue(SupplementaryBurden, new Money(80_000))));
        var input = TestPolicies.Input(
            TestPolicies.Items(fullOwnPay: 0, overLimit: 20_000, preSelfPay: 30_000, inScope: 580_000),
            level: HospitalLevel.Secondary, year: year, enterpriseSupplementary: true);

        // Act
        var result = SettlementEngine.Compute(input, TestPolicies.EmployeeWithSubsidies());

        // Assert: eligible = 580,000 − 80,000 = 500,000; the measure grows 2,000,000 → 2,500,000.
        // hifp: 500,000 × 80% = 400,000 (limit 12,000,000 − 1,600,000 = 10,400,000); left 180,000.
        // hifob: nothing above 12,000,000, no row. The civil-servant subsidy does not cover this person.
        // hifes: burden 80,000 → 260,000; [100,000, ∞) overlap 160,000 × 60% = 96,000 (limit 10,000,000); left 84,000.
        // fund = 496,000; psn_part = 630,000 − 496,000 = 134,000, all cash.
        var s = result.Split;
        Assert.Equal(630_000, s.MedFeeSum.Fen);
        Assert.Equal(0, s.FullOwnPay.Fen);
        Assert.Equal(20_000, s.OverLimit.Fen);
        Assert.Equal(30_000, s.PreSelfPay.Fen);
        Assert.Equal(580_000, s.InScope.Fen);
        Assert.Equal(80_000, s.Deductible.Fen);
        Assert.Equal(400_000, s.BasicFund.Fen);
        Assert.Equal(8_000, s.BasicRatioBp);
        Assert.Equal(0, s.CivilServant.Fen);
        Assert.Equal(96_000, s.EnterpriseSupplementary.Fen);
        Assert.Equal(0, s.CriticalIllness.Fen);
        Assert.Equal(0, s.LargeAmount.Fen);
        Assert.Equal(0, s.Assistance.Fen);
        Assert.Equal(0, s.Other.Fen);
        Assert.Equal(496_000, s.FundPaySum.Fen);
        Assert.Equal(134_000, s.PersonalPart.Fen);
        Assert.Equal(0, s.AccountPay.Fen);
        Assert.Equal(134_000, s.CashPay.Fen);
        Assert.Equal(0, s.HospitalPart.Fen);
        Assert.Equal(0, s.BalanceAfter.Fen);
        Assert.Equal(s.MedFeeSum, s.FundPaySum + s.PersonalPart + s.HospitalPart);
        Assert.Equal(
            [
                new FundPayment(FundPayType.EmployeePool, new Money(580_000), new Money(10_400_000), new Money(400_000)),
                new FundPayment(FundPayType.EnterpriseSupplementary, new Money(180_000), new Money(10_000_000), new Money(96_000)),
            ],
            s.Payments);
        Assert.Equal(
            YearAccumulators.Of(
                new(AccumulatorId.EligibleCumulative, new Money(500_000)),
                new(AccumulatorId.BurdenCumulative, new Money(180_000)),
                new(AccumulatorId.PaidBy(FundPayType.EmployeePool), new Money(400_000)),
                new(SupplementaryBurden, new Money(180_000)),
                new(SupplementaryPaid, new Money(96_000))),
            result.Delta);
        SplitAssert.Identities(input, result);
    }

    [Fact]
    public void Compute_NeitherFlag_FurtherLayersPayNothingAndSplitIsTheEmployeePolicys()
    {
        // Arrange: the same civil-servant bill for a person with neither flag.
        var input = TestPolicies.Input(TestPolicies.Items(50_000, 0, 100_000, 1_120_000), year: TestPolicies.Year(eligibleCumulative: 11_500_000, basicPaid: 9_775_000));

        // Act
        var withLayers = SettlementEngine.Compute(input, TestPolicies.EmployeeWithSubsidies());
        var without = SettlementEngine.Compute(input, TestPolicies.Employee());

        // Assert
        Assert.Equal(0, withLayers.Split.CivilServant.Fen + withLayers.Split.EnterpriseSupplementary.Fen);
        Assert.Equal(without.Split.Payments, withLayers.Split.Payments);
        Assert.Equal(without.Split.FundPaySum, withLayers.Split.FundPaySum);
        Assert.Equal(without.Delta, withLayers.Delta);
    }

    [Fact]
    public void Validate_PolicyWithSubsidies_NoProblems()
    {
        Assert.Empty(PolicyValidator.Validate(TestPolicies.EmployeeWithSubsidies()));
    }
}
