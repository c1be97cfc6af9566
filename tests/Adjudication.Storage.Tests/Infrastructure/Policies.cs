using Adjudication.Domain.Policy;
using Adjudication.Domain.Units;

namespace Adjudication.Storage.Tests.Infrastructure;

/// <summary>Small policies with round figures for store tests (DESIGN.md §4.2, §4.3). Money in fen.</summary>
public static class Policies
{
    /// <summary>
    /// Employee basic, outpatient only: no deductible, 60%; basic band 0-1,000,000 with a ceiling of 100,000; large-amount
    /// 90% above 1,000,000; a civil-servant subsidy of 50% of what is left, up to 20,000 a year.
    /// </summary>
    public static SettlementPolicy Outpatient(long ceilingFen = 100_000) => new(
        StoreSet.City,
        Insutype.EmployeeBasic,
        Version: 1,
        Deductibles: [],
        Ratios: [new RatioRule(MedGroup.Outpatient, null, null, 6_000)],
        Reductions: [],
        FundLayers:
        [
            FundLayer.Basic(FundPayType.EmployeePool, new Money(1_000_000), new Money(ceilingFen)),
            FundLayer.LargeAmount([new Band(1_000_000, long.MaxValue, 9_000)], new Money(5_000_000)),
            new FundLayer(FundPayType.CivilServantSubsidy, FundCoverage.CivilServants, FundMeasure.VisitBurden, [new Band(0, long.MaxValue, 5_000)], new Money(20_000)),
        ]);
}
