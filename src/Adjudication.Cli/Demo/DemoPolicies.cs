using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Policy;
using Adjudication.Domain.Units;

namespace Adjudication.Cli.Demo;

/// <summary>
/// Demo policies of an insured city, in the shape of published municipal rules: an employee (310) policy with a
/// large-amount layer, a civil-servant subsidy and an enterprise supplementary layer, and a resident (390) policy with
/// critical-illness tiers and medical assistance (DESIGN.md §4.3: each layer is a row).
/// Amounts are in fen.
/// </summary>
public static class DemoPolicies
{
    /// <summary>Reductions at the field caps (DESIGN.md §4.2 step 2).</summary>
    public static readonly Reduction[] Reductions =
    [
        new(FilingClass.Referral, Scope.CrossProvince, 1_000),
        new(FilingClass.Emergency, Scope.CrossProvince, 1_000),
        new(FilingClass.OtherTemporary, Scope.InProvince, 1_500),
        new(FilingClass.OtherTemporary, Scope.CrossProvince, 2_000),
    ];

    /// <summary>
    /// The central Shanxi city cluster (山西中部城市群): no filing between members, no reduction. Published once by the
    /// Shanxi agency at its provincial node, which hands it to its cities (DESIGN.md §5, §12).
    /// </summary>
    public static readonly IntegrationZone CentralShanxi = new("山西中部城市群", ["140100", "140900", "140300", "140700", "141100"], 0);

    /// <summary>Employee basic medical insurance (职工基本医疗保险).</summary>
    public static SettlementPolicy Employee(string city) => new(
        city,
        Insutype.EmployeeBasic,
        Version: 1,
        Deductibles:
        [
            new(MedGroup.Outpatient, null, Yuan(200), DeductibleBasis.Yearly),
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, Yuan(900), DeductibleBasis.PerVisit),
            new(MedGroup.Inpatient, HospitalLevel.Secondary, Yuan(600), DeductibleBasis.PerVisit),
            new(MedGroup.Inpatient, null, Yuan(300), DeductibleBasis.PerVisit),
        ],
        Ratios:
        [
            new(MedGroup.Outpatient, null, null, 6_000),
            new(MedGroup.Outpatient, HospitalLevel.Tertiary, null, 5_500),
            new(MedGroup.ChronicOutpatient, null, null, 7_000),
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, null, 8_500),
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, PersonType.Retiree, 9_000),
            new(MedGroup.Inpatient, HospitalLevel.Secondary, null, 8_800),
            new(MedGroup.Inpatient, null, null, 9_000),
            new(MedGroup.Pharmacy, null, null, 0),
        ],
        Reductions,
        [
            FundLayer.Basic(FundPayType.EmployeePool, bandLimit: Yuan(120_000), ceiling: Yuan(100_000)),
            FundLayer.LargeAmount([new Band(Yuan(120_000).Fen, Yuan(500_000).Fen, 9_000)], Yuan(400_000)),
            CivilServantSubsidy,
            EnterpriseSupplementary,
        ]);

    /// <summary>
    /// Civil-servant subsidy (公务员医疗补助, 320100, DESIGN.md §4.3): 50% of the in-scope burden left after the basic and
    /// large-amount funds in each settlement, up to 30,000 yuan a year; only for civil servants.
    /// </summary>
    public static FundLayer CivilServantSubsidy { get; } = new(
        FundPayType.CivilServantSubsidy, FundCoverage.CivilServants, FundMeasure.VisitBurden, [new Band(0, long.MaxValue, 5_000)], Yuan(30_000));

    /// <summary>
    /// Enterprise supplementary insurance (企业补充医疗保险, 370100, DESIGN.md §4.3): 60% of the yearly in-scope burden
    /// left by the layers before it above 1,000 yuan, up to 50,000 yuan a year; only for employees of enterprises with a
    /// scheme.
    /// </summary>
    public static FundLayer EnterpriseSupplementary { get; } = new(
        FundPayType.EnterpriseSupplementary, FundCoverage.EnterpriseSupplementary, FundMeasure.CumulativeBurden,
        [new Band(Yuan(1_000).Fen, long.MaxValue, 6_000)], Yuan(50_000));

    /// <summary>Urban-rural resident basic medical insurance (城乡居民基本医疗保险).</summary>
    public static SettlementPolicy Resident(string city) => new(
        city,
        Insutype.ResidentBasic,
        Version: 1,
        Deductibles:
        [
            new(MedGroup.Outpatient, null, Yuan(50), DeductibleBasis.Yearly),
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, Yuan(1_000), DeductibleBasis.PerVisit),
            new(MedGroup.Inpatient, HospitalLevel.Secondary, Yuan(500), DeductibleBasis.PerVisit),
            new(MedGroup.Inpatient, null, Yuan(200), DeductibleBasis.PerVisit),
        ],
        Ratios:
        [
            new(MedGroup.Outpatient, null, null, 5_000),
            new(MedGroup.ChronicOutpatient, null, null, 6_000),
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, null, 6_000),
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, PersonType.ResidentMinor, 6_500),
            new(MedGroup.Inpatient, HospitalLevel.Secondary, null, 7_500),
            new(MedGroup.Inpatient, null, null, 8_500),
            new(MedGroup.Pharmacy, null, null, 5_000),
        ],
        Reductions,
        [
            FundLayer.Basic(FundPayType.ResidentPool, bandLimit: Yuan(200_000), ceiling: Yuan(150_000)),
            FundLayer.CriticalIllness(
                [
                    new Band(Yuan(15_000).Fen, Yuan(100_000).Fen, 6_000),
                    new Band(Yuan(100_000).Fen, Yuan(200_000).Fen, 7_000),
                    new Band(Yuan(200_000).Fen, long.MaxValue, 8_000),
                ],
                Yuan(400_000)),
            FundLayer.Assistance(7_000, Yuan(50_000)),
        ]);

    private static Money Yuan(long yuan) => new(yuan * 100);
}
