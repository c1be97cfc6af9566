using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Policy;
using Adjudication.Domain.Units;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// The insured-side policies of the test city (参保地政策, DESIGN.md §4.2), with round figures so every expected
/// number in the tests can be computed by hand. All money in fen, ratios in basis points.
/// </summary>
public static class TestPolicies
{
    /// <summary>Employee basic ceiling used unless a test asks for a smaller one: 100,000 yuan.</summary>
    public const long DefaultEmployeeCeilingFen = 10_000_000;

    /// <summary>
    /// Employee basic (310):
    /// outpatient (11/12/13) deductible 20,000 a year, ratio 60% (tertiary 55%);
    /// chronic outpatient (14) no deductible, 70%;
    /// inpatient (21/24) deductible per visit 90,000 tertiary / 60,000 secondary / 30,000 elsewhere,
    /// ratio 85% tertiary (retirees 90%), 90% elsewhere; pharmacy 0%;
    /// basic band limit 12,000,000, ceiling <paramref name="ceilingFen"/>;
    /// large-amount (大额) 90% on [12,000,000, 50,000,000), yearly cap 40,000,000; no medical assistance.
    /// </summary>
    public static SettlementPolicy Employee(string city, long ceilingFen = DefaultEmployeeCeilingFen) => Validated(new(
        city,
        Insutype.EmployeeBasic,
        Version: 1,
        Deductibles:
        [
            new(MedGroup.Outpatient, null, new Money(20_000), DeductibleBasis.Yearly),
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, new Money(90_000), DeductibleBasis.PerVisit),
            new(MedGroup.Inpatient, HospitalLevel.Secondary, new Money(60_000), DeductibleBasis.PerVisit),
            new(MedGroup.Inpatient, null, new Money(30_000), DeductibleBasis.PerVisit),
        ],
        Ratios:
        [
            new(MedGroup.Outpatient, null, null, 6_000),
            new(MedGroup.Outpatient, HospitalLevel.Tertiary, null, 5_500),
            new(MedGroup.ChronicOutpatient, null, null, 7_000),
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, null, 8_500),
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, PersonType.Retiree, 9_000),
            new(MedGroup.Inpatient, null, null, 9_000),
            new(MedGroup.Pharmacy, null, null, 0),
        ],
        Reductions,
        [
            FundLayer.Basic(FundPayType.EmployeePool, bandLimit: new Money(12_000_000), ceiling: new Money(ceilingFen)),
            FundLayer.LargeAmount([new Band(12_000_000, 50_000_000, 9_000)], new Money(40_000_000)),
        ]));

    /// <summary>
    /// Resident basic (390):
    /// outpatient deductible 5,000 a year, 50%; chronic outpatient no deductible, 60%;
    /// inpatient deductible per visit 100,000 tertiary / 20,000 elsewhere, 60% tertiary, 85% elsewhere; pharmacy 50%;
    /// basic band limit 20,000,000, ceiling 15,000,000;
    /// critical illness (大病) on yearly in-scope burden: 60% on [1,500,000, 10,000,000), 70% to 20,000,000, 80% above,
    /// yearly cap 40,000,000; medical assistance 70% of the remaining in-scope amount, yearly cap 5,000,000.
    /// </summary>
    public static SettlementPolicy Resident(string city) => Validated(new(
        city,
        Insutype.ResidentBasic,
        Version: 1,
        Deductibles:
        [
            new(MedGroup.Outpatient, null, new Money(5_000), DeductibleBasis.Yearly),
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, new Money(100_000), DeductibleBasis.PerVisit),
            new(MedGroup.Inpatient, null, new Money(20_000), DeductibleBasis.PerVisit),
        ],
        Ratios:
        [
            new(MedGroup.Outpatient, null, null, 5_000),
            new(MedGroup.ChronicOutpatient, null, null, 6_000),
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, null, 6_000),
            new(MedGroup.Inpatient, null, null, 8_500),
            new(MedGroup.Pharmacy, null, null, 5_000),
        ],
        Reductions,
        [
            FundLayer.Basic(FundPayType.ResidentPool, bandLimit: new Money(20_000_000), ceiling: new Money(15_000_000)),
            FundLayer.CriticalIllness(
                [
                    new Band(1_500_000, 10_000_000, 6_000),
                    new Band(10_000_000, 20_000_000, 7_000),
                    new Band(20_000_000, long.MaxValue, 8_000),
                ],
                new Money(40_000_000)),
            FundLayer.Assistance(7_000, new Money(5_000_000)),
        ]));

    /// <summary>Reductions at the field caps (DESIGN.md §4.2 step 2); local visits never use them.</summary>
    private static readonly Reduction[] Reductions =
    [
        new(FilingClass.Referral, Scope.CrossProvince, 1_000),
        new(FilingClass.Emergency, Scope.CrossProvince, 1_000),
        new(FilingClass.OtherTemporary, Scope.InProvince, 1_500),
        new(FilingClass.OtherTemporary, Scope.CrossProvince, 2_000),
    ];

    // The admin path validates before storing; a test policy that the validator refuses would test nothing real.
    private static SettlementPolicy Validated(SettlementPolicy policy)
    {
        var problems = PolicyValidator.Validate(policy);
        return problems.Count == 0
            ? policy
            : throw new InvalidOperationException("test policy is invalid: " + string.Join("; ", problems));
    }
}
