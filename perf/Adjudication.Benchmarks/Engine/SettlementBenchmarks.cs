using Adjudication.Benchmarks.Fixtures;
using Adjudication.Cli.Demo;
using Adjudication.Domain.Classification;
using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Policy;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Units;
using BenchmarkDotNet.Attributes;

namespace Adjudication.Benchmarks.Engine;

/// <summary>
/// The insured-side settlement split (DESIGN.md §4.2 steps 2-7, §4.3) for the demo policies. It allocates only what it
/// returns: the setldetail rows and the accumulator deltas (budgets.json); the node trims as much elsewhere per settle.
/// </summary>
public class SettlementBenchmarks
{
    private SettlementPolicy _employee = null!;
    private SettlementPolicy _resident = null!;
    private SettlementInput _employeeInput;
    private SettlementInput _residentInput;

    /// <summary>Classifies the demo bill once and builds one realistic input per policy.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _employee = DemoPolicies.Employee("140100");
        _resident = DemoPolicies.Resident("140100");

        var entries = DemoBill.CatalogEntries();
        var version = DemoBill.CatalogSet(entries).InForceOn(DemoBill.FeeDate)!;
        var totals = default(ItemTotals);
        foreach (var line in DemoBill.Lines(entries))
        {
            if (ItemClassifier.TryClassify(in line, version.TryFind(line.Code, out var e) ? e : null, out var classified))
            {
                totals = totals.Add(in classified);
            }
        }

        // Employee: retiree, tertiary inpatient, cross-province on a referral filing, with some of the year used
        // so the large-amount layer is crossed, paying from the personal account.
        _employeeInput = new SettlementInput(
            totals,
            MedType.Inpatient,
            HospitalLevel.Tertiary,
            PersonType.Retiree,
            AssistanceEligible: false,
            new EligibilityDecision(Scope.CrossProvince, FilingClass.Referral, IntegrationZone: false, ReductionBp: 1_000),
            UseAccount: true,
            AccountBalance: new Money(1_250_000),
            YearAccumulators.Of(
                new(AccumulatorId.EligibleCumulative, new Money(11_500_000)),
                new(AccumulatorId.PaidBy(FundPayType.EmployeePool), new Money(9_000_000)),
                new(AccumulatorId.BurdenCumulative, new Money(3_000_000))));

        // Resident: minor, tertiary inpatient in the integration zone, past the critical-illness threshold, eligible
        // for medical assistance.
        _residentInput = new SettlementInput(
            totals,
            MedType.Inpatient,
            HospitalLevel.Tertiary,
            PersonType.ResidentMinor,
            AssistanceEligible: true,
            new EligibilityDecision(Scope.InProvince, FilingClass.None, IntegrationZone: true, ReductionBp: 0),
            UseAccount: false,
            AccountBalance: Money.Zero,
            YearAccumulators.Of(
                new(AccumulatorId.DeductibleUsed, new Money(5_000)),
                new(AccumulatorId.EligibleCumulative, new Money(4_000_000)),
                new(AccumulatorId.PaidBy(FundPayType.ResidentPool), new Money(2_400_000)),
                new(AccumulatorId.BurdenCumulative, new Money(2_200_000)),
                new(AccumulatorId.BurdenOf(FundPayType.CriticalIllness), new Money(2_200_000)),
                new(AccumulatorId.PaidBy(FundPayType.CriticalIllness), new Money(300_000)),
                new(AccumulatorId.PaidBy(FundPayType.MedicalAssistance), new Money(100_000))));
    }

    /// <summary>Employee (310) policy: yearly band, per-visit deductible, large-amount layer, account pay.</summary>
    [Benchmark]
    public SettlementComputation EmployeeInpatient() => SettlementEngine.Compute(in _employeeInput, _employee);

    /// <summary>Resident (390) policy: critical-illness tiers and medical assistance.</summary>
    [Benchmark]
    public SettlementComputation ResidentInpatient() => SettlementEngine.Compute(in _residentInput, _resident);
}
