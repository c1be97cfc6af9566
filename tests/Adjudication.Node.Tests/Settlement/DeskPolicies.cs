using Adjudication.Domain.Policy;
using Adjudication.Domain.Units;

namespace Adjudication.Node.Tests.Settlement;

/// <summary>The employee policy of the desk tests, with round figures (DESIGN.md §4.2, §4.3). Money in fen.</summary>
internal static class DeskPolicies
{
    /// <summary>
    /// The node's city and 140900 in one integration zone without reduction, as the province hands it down, so a
    /// summarized visit from there needs no filing.
    /// </summary>
    public static readonly IntegrationZone Zone = new("test zone", [DeskSet.City, "140900"], 0) { Version = 1 };

    /// <summary>
    /// Employee basic: inpatient 80%, no deductible; basic band [0, 1,000,000) with a ceiling of 300,000; large-amount
    /// 90% above 1,000,000 up to 2,000,000 a year; civil-servant subsidy 50% of the settlement's remaining burden up to
    /// 100,000 a year; enterprise supplementary 60% of the yearly remaining burden above 10,000, up to 200,000 a year.
    /// </summary>
    public static SettlementPolicy Employee() => new(
        DeskSet.City,
        Insutype.EmployeeBasic,
        Version: 1,
        Deductibles: [],
        Ratios: [new RatioRule(MedGroup.Inpatient, null, null, 8_000)],
        Reductions: [],
        FundLayers:
        [
            FundLayer.Basic(FundPayType.EmployeePool, new Money(1_000_000), new Money(300_000)),
            FundLayer.LargeAmount([new Band(1_000_000, long.MaxValue, 9_000)], new Money(2_000_000)),
            new FundLayer(FundPayType.CivilServantSubsidy, FundCoverage.CivilServants, FundMeasure.VisitBurden, [new Band(0, long.MaxValue, 5_000)], new Money(100_000)),
            new FundLayer(FundPayType.EnterpriseSupplementary, FundCoverage.EnterpriseSupplementary, FundMeasure.CumulativeBurden, [new Band(10_000, long.MaxValue, 6_000)], new Money(200_000)),
        ]);
}
