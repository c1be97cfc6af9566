using Adjudication.Domain.Policy;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Units;
using CsCheck;

namespace Adjudication.Node.Tests.Settlement;

/// <summary>
/// DESIGN.md §4.2 invariants on random fund-layer policies (§4.3), through the insured city's desk over a real store:
/// no layer pays more than its yearly cap when many settlements of one person race, every answer agrees with what was
/// committed, and settle then cancel leaves every accumulator and the balance as before.
/// </summary>
public sealed class ConcurrentSettlePropertyTests
{
    private static readonly FundPayType[] FurtherTypes =
    [
        FundPayType.LargeAmount, FundPayType.CriticalIllness, FundPayType.CivilServantSubsidy,
        FundPayType.EnterpriseSupplementary, FundPayType.MedicalAssistance, (FundPayType)999997,
    ];

    private static readonly Gen<int> Ratio = Gen.Int[0, 10_000];

    /// <summary>A further layer: any coverage and measure, caps small enough that concurrent bills reach them.</summary>
    private static Gen<FundLayer> GenLayer(FundPayType type, long basicLimit) =>
        from coverage in Gen.OneOf(FundCoverage.Everyone, FundCoverage.CivilServants, FundCoverage.AssistanceEligible, FundCoverage.EnterpriseSupplementary)
        from measure in Gen.OneOf(FundMeasure.CumulativeEligible, FundMeasure.CumulativeBurden, FundMeasure.VisitBurden)
        from start in Gen.Long[0, 50_000]
        from width in Gen.Long[1, 200_000]
        from ratios in Ratio.Array[2]
        from cap in Gen.Long[0, 60_000]
        let lo = coverage == FundCoverage.Everyone && measure == FundMeasure.CumulativeEligible ? basicLimit + start : start
        select new FundLayer(type, coverage, measure, [new Band(lo, lo + width, ratios[0]), new Band(lo + width, long.MaxValue, ratios[1])], new Money(cap));

    /// <summary>Valid policies of 3 to 6 layers: the basic fund, then 2 to 5 further layers of distinct types in random order.</summary>
    private static readonly Gen<SettlementPolicy> GenPolicy =
        from ratio in Ratio
        from limit in Gen.Long[1, 300_000]
        from ceiling in Gen.Long[0, 150_000]
        from candidates in Gen.Select(
            GenLayer(FurtherTypes[0], limit), GenLayer(FurtherTypes[1], limit), GenLayer(FurtherTypes[2], limit),
            GenLayer(FurtherTypes[3], limit), GenLayer(FurtherTypes[4], limit), GenLayer(FurtherTypes[5], limit),
            (a, b, c, d, e, f) => new[] { a, b, c, d, e, f })
        from order in Gen.Int.Array[FurtherTypes.Length]
        from further in Gen.Int[2, 5]
        select DeskPolicies.Employee() with
        {
            Ratios = [new RatioRule(MedGroup.Inpatient, null, null, ratio)],
            FundLayers =
            [
                FundLayer.Basic(FundPayType.EmployeePool, new Money(limit), new Money(ceiling)),
                .. candidates.Zip(order).OrderBy(p => p.Second).Take(further).Select(p => p.First),
            ],
        };

    /// <summary>Who the person is: civil servant, supplementary scheme, assistance; and their account balance.</summary>
    private static readonly Gen<(bool CivilServant, bool Supplementary, bool Assistance, long Balance)> GenPerson =
        Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Long[0, 100_000]);

    /// <summary>4 to 8 bills of one person, in-scope 1 to 150,000 fen each.</summary>
    private static readonly Gen<long[]> GenBills = Gen.Long[1, 150_000].Array[4, 8];

    [Fact]
    public async Task SettleConcurrently_RandomLayeredPolicy_EveryLayerUnderItsCapAndCancelRestoresEverything()
    {
        await Gen.Select(GenPolicy, GenPerson, GenBills).SampleAsync(async (policy, who, bills) =>
        {
            Assert.Empty(PolicyValidator.Validate(policy));
            using var desks = new DeskSet();
            await desks.Policies.PutAsync(policy);
            var person = await desks.AddPersonAsync(who.Balance, who.CivilServant, who.Supplementary, who.Assistance);
            var visits = await Task.WhenAll(bills.Select(b => desks.OpenVisitAsync(person, b)));

            // Act 1: every bill settled at once.
            var settled = await Task.WhenAll(visits.Select(v => desks.Desk.SettleAsync(desks.Settle(person, v), commit: true, context: null)));

            // Assert 1: each layer within its cap, and what the answers say each layer paid is what the store holds.
            var year = (await desks.ReadPersonAsync(person)).Accumulators;
            foreach (var layer in policy.FundLayers)
            {
                var paid = year[AccumulatorId.PaidBy(layer.FundPayType)];
                Assert.True(paid <= layer.YearlyCap, $"{(int)layer.FundPayType} paid {paid.Fen} > cap {layer.YearlyCap.Fen}");
                Assert.Equal(paid.Fen, settled.Sum(r => r.Split.Setldetail.Where(d => d.FundPayType == (int)layer.FundPayType).Sum(d => d.FundPayamt)));
            }

            Assert.Equal(who.Balance - settled.Sum(r => r.Split.AcctPay), (await desks.ReadPersonAsync(person)).Balance.Fen);

            // Act 2: every settlement cancelled, also at once.
            await Task.WhenAll(settled.Select(r => desks.Desk.CancelAsync(desks.Cancel(person, r), context: null)));

            // Assert 2: every accumulator and the balance as before the first settle.
            var after = await desks.ReadPersonAsync(person);
            Assert.Equal(YearAccumulators.Empty, after.Accumulators);
            Assert.Equal(who.Balance, after.Balance.Fen);
        }, iter: 40, threads: 1);
    }
}
