using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Policy;
using Adjudication.Domain.Tests.Support;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Tests.Policy;

/// <summary>DESIGN.md §4.2 step 2 (reduction caps from the field) and the band rules of §4.2.</summary>
public sealed class PolicyValidatorTests
{
    private static SettlementPolicy WithReduction(FilingClass filingClass, Scope scope, int bp) =>
        TestPolicies.Employee() with { Reductions = [new Reduction(filingClass, scope, bp)] };

    [Fact]
    public void Validate_TestPolicies_NoProblems()
    {
        // Act
        var employee = PolicyValidator.Validate(TestPolicies.Employee());
        var resident = PolicyValidator.Validate(TestPolicies.Resident());

        // Assert
        Assert.Empty(employee);
        Assert.Empty(resident);
    }

    [Fact]
    public void Validate_ReferralCrossProvinceOverCap_Reported()
    {
        // Arrange: referral across provinces is capped at 10 points (1000 bp); 1100 is over.
        var policy = WithReduction(FilingClass.Referral, Scope.CrossProvince, 1_100);

        // Act
        var problems = PolicyValidator.Validate(policy);

        // Assert
        var problem = Assert.Single(problems);
        Assert.Contains("Referral", problem, StringComparison.Ordinal);
        Assert.Contains("1100", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FilingClass.Referral, Scope.CrossProvince, 1_000)]
    [InlineData(FilingClass.Emergency, Scope.CrossProvince, 1_000)]
    [InlineData(FilingClass.OtherTemporary, Scope.InProvince, 1_500)]
    [InlineData(FilingClass.OtherTemporary, Scope.CrossProvince, 2_000)]
    [InlineData(FilingClass.Referral, Scope.InProvince, 0)]
    [InlineData(FilingClass.RelocatedRetiree, Scope.CrossProvince, 0)]
    public void Validate_ReductionAtCap_NoProblems(FilingClass filingClass, Scope scope, int bp)
    {
        // Arrange
        var policy = WithReduction(filingClass, scope, bp);

        // Act / Assert
        Assert.Empty(PolicyValidator.Validate(policy));
    }

    [Theory]
    [InlineData(FilingClass.Referral, Scope.InProvince, 1)]           // cap 0 in province
    [InlineData(FilingClass.Emergency, Scope.InProvince, 100)]        // cap 0 in province
    [InlineData(FilingClass.Emergency, Scope.CrossProvince, 1_001)]   // cap 1000 across
    [InlineData(FilingClass.OtherTemporary, Scope.InProvince, 1_501)] // cap 1500 in province
    [InlineData(FilingClass.OtherTemporary, Scope.CrossProvince, 2_001)] // cap 2000 across
    [InlineData(FilingClass.LongTermResident, Scope.InProvince, 100)] // long-term: cap 0
    [InlineData(FilingClass.RelocatedRetiree, Scope.CrossProvince, 100)]
    [InlineData(FilingClass.StationedWorker, Scope.CrossProvince, 100)]
    [InlineData(FilingClass.Referral, Scope.CrossProvince, -1)]       // negative reductions would raise R
    public void Validate_ReductionOverCap_Reported(FilingClass filingClass, Scope scope, int bp)
    {
        // Arrange
        var policy = WithReduction(filingClass, scope, bp);

        // Act
        var problems = PolicyValidator.Validate(policy);

        // Assert
        var problem = Assert.Single(problems);
        Assert.Contains(filingClass.ToString(), problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FilingClass.Referral, Scope.InProvince, 0)]
    [InlineData(FilingClass.Referral, Scope.CrossProvince, 1_000)]
    [InlineData(FilingClass.Emergency, Scope.InProvince, 0)]
    [InlineData(FilingClass.Emergency, Scope.CrossProvince, 1_000)]
    [InlineData(FilingClass.OtherTemporary, Scope.InProvince, 1_500)]
    [InlineData(FilingClass.OtherTemporary, Scope.CrossProvince, 2_000)]
    [InlineData(FilingClass.RelocatedRetiree, Scope.CrossProvince, 0)]
    [InlineData(FilingClass.LongTermResident, Scope.InProvince, 0)]
    [InlineData(FilingClass.StationedWorker, Scope.CrossProvince, 0)]
    public void ReductionCap_ClassAndScope_FieldCap(FilingClass filingClass, Scope scope, int expected)
    {
        // Act / Assert
        Assert.Equal(expected, PolicyValidator.ReductionCap(filingClass, scope));
    }

    [Fact]
    public void Validate_OverlappingSecondLayerBands_Reported()
    {
        // Arrange: [1.5M, 10M) and [9M, 20M) overlap on [9M, 10M) → that range would be paid twice.
        var policy = TestPolicies.WithLayer(
            TestPolicies.Resident(),
            FundLayer.CriticalIllness([new Band(1_500_000, 10_000_000, 6_000), new Band(9_000_000, 20_000_000, 7_000)], new Money(40_000_000)));

        // Act
        var problems = PolicyValidator.Validate(policy);

        // Assert
        var problem = Assert.Single(problems);
        Assert.Contains("[9000000, 20000000)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyBand_Reported()
    {
        // Arrange: Hi ≤ Lo.
        var policy = TestPolicies.WithLayer(
            TestPolicies.Resident(),
            FundLayer.CriticalIllness([new Band(1_500_000, 1_500_000, 6_000)], new Money(40_000_000)));

        // Act / Assert
        Assert.Single(PolicyValidator.Validate(policy));
    }

    [Fact]
    public void Validate_LargeAmountBandBelowBasicLimit_Reported()
    {
        // Arrange: hifob from 10,000,000 while the basic band runs to 12,000,000 → [10M, 12M) paid by both layers.
        var policy = TestPolicies.WithLayer(
            TestPolicies.Employee(),
            FundLayer.LargeAmount([new Band(10_000_000, long.MaxValue, 9_000)], new Money(40_000_000)));

        // Act
        var problems = PolicyValidator.Validate(policy);

        // Assert
        var problem = Assert.Single(problems);
        Assert.Contains("basic band limit", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RatioOver100Percent_Reported()
    {
        // Arrange: 10,001 bp would make the fund pay more than the bill.
        var policy = TestPolicies.Employee() with { Ratios = [new RatioRule(MedGroup.Inpatient, null, null, 10_001)] };

        // Act / Assert
        Assert.Single(PolicyValidator.Validate(policy));
    }

    [Fact]
    public void Problems_SeveralFaults_EveryOneNamedByItsField()
    {
        // Arrange: a duplicated ratio key, a negative deductible, no basic fund (its flag dropped), a band ending at its start.
        var employee = TestPolicies.Employee();
        var policy = employee with
        {
            Ratios = [.. employee.Ratios, employee.Ratios[0]],
            Deductibles = [employee.Deductibles[0] with { Amount = new Money(-1) }],
            FundLayers = [employee.FundLayers[0] with { PaysAtVisitRatio = false, Bands = [new Band(0, 0, 0)] }],
        };

        // Act
        var fields = PolicyValidator.Problems(policy).Select(p => p.Field).ToList();

        // Assert
        Assert.Equal(["deductibles[0].amount", $"ratios[{employee.Ratios.Count}]", "fund_layers[0].bands[0].hi", "fund_layers"], fields);
    }

    [Fact]
    public void Problems_TwoBasicFunds_SecondNamed()
    {
        var employee = TestPolicies.Employee();
        var policy = employee with { FundLayers = [.. employee.FundLayers, FundLayer.Basic(FundPayType.ResidentPool, new Money(1_000), new Money(1_000))] };

        var problem = Assert.Single(PolicyValidator.Problems(policy), p => p.Field.EndsWith("pays_at_visit_ratio", StringComparison.Ordinal));

        Assert.Equal($"fund_layers[{employee.FundLayers.Count}].pays_at_visit_ratio", problem.Field);
    }
}
