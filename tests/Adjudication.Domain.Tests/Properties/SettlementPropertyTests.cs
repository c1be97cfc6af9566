using Adjudication.Domain.Classification;
using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Policy;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Tests.Support;
using Adjudication.Domain.Units;
using CsCheck;

namespace Adjudication.Domain.Tests.Properties;

/// <summary>
/// The invariants of DESIGN.md §4 on random valid policies, random consistent item totals (up to about 10^9 fen)
/// and random year-to-date accumulators, including accumulators already beyond a layer's cap.
/// </summary>
public sealed class SettlementPropertyTests
{
    private const long Iterations = 5_000;

    /// <summary>Amounts biased towards the edges: zero, a few fen, and anything up to <paramref name="max"/>.</summary>
    private static Gen<long> Amount(long max) => Gen.Frequency(
        (1, Gen.Const(0L)),
        (2, Gen.Long[1, 10_000]),
        (5, Gen.Long[0, max]));

    private static readonly Gen<int> Ratio = Gen.Frequency(
        (1, Gen.Const(0)),
        (1, Gen.Const(BasisPoints.Whole)),
        (6, Gen.Int[0, BasisPoints.Whole]));

    /// <summary>The fund types a random policy draws its further layers from (one layer per type, DESIGN.md §4.3).</summary>
    private static readonly FundPayType[] FurtherTypes =
    [
        FundPayType.LargeAmount, FundPayType.CriticalIllness, FundPayType.CivilServantSubsidy,
        FundPayType.EnterpriseSupplementary, FundPayType.MedicalAssistance, (FundPayType)999997,
    ];

    /// <summary>Every accumulator a random policy may read, for random priors.</summary>
    private static readonly AccumulatorId[] AllAccumulators =
    [
        AccumulatorId.DeductibleUsed, AccumulatorId.EligibleCumulative, AccumulatorId.BurdenCumulative,
        .. new[] { FundPayType.EmployeePool }.Concat(FurtherTypes).SelectMany(t => new[] { AccumulatorId.PaidBy(t), AccumulatorId.BurdenOf(t) }),
    ];

    /// <summary>One further layer: any coverage and measure; a layer everyone has on the eligible measure starts at the basic limit.</summary>
    private static Gen<FundLayer> GenLayer(FundPayType type, long limit) =>
        from coverage in Gen.OneOf(FundCoverage.Everyone, FundCoverage.CivilServants, FundCoverage.AssistanceEligible, FundCoverage.EnterpriseSupplementary)
        from measure in Gen.OneOf(FundMeasure.CumulativeEligible, FundMeasure.CumulativeBurden, FundMeasure.VisitBurden)
        from start in Amount(5_000_000)
        from widths in Gen.Long[1, 30_000_000].Array[1, 3]
        from bandRatios in Ratio.Array[3]
        from lastUnbounded in Gen.Bool
        from cap in Amount(50_000_000)
        select new FundLayer(type, coverage, measure,
            Bands(coverage == FundCoverage.Everyone && measure == FundMeasure.CumulativeEligible ? limit + start : start, widths, bandRatios, lastUnbounded),
            new Money(cap));

    private static List<Band> Bands(long lo, long[] widths, int[] ratios, bool lastUnbounded)
    {
        var bands = new List<Band>();
        for (var i = 0; i < widths.Length; i++)
        {
            var hi = lastUnbounded && i == widths.Length - 1 ? long.MaxValue : lo + widths[i];
            bands.Add(new Band(lo, hi, ratios[i]));
            lo = hi;
        }

        return bands;
    }

    /// <summary>Valid policies (they pass <see cref="PolicyValidator"/>): every med group has a general ratio rule, a
    /// basic fund first, then 0 to 5 further layers of distinct fund types in random order.</summary>
    private static readonly Gen<SettlementPolicy> GenPolicy =
        from limit in Amount(20_000_000)
        from ceiling in Amount(20_000_000)
        from ratios in Ratio.Array[5]
        from deductible in Amount(300_000)
        from basis in Gen.OneOf(DeductibleBasis.Yearly, DeductibleBasis.PerVisit)
        from candidates in Gen.Select(
            GenLayer(FurtherTypes[0], limit), GenLayer(FurtherTypes[1], limit), GenLayer(FurtherTypes[2], limit),
            GenLayer(FurtherTypes[3], limit), GenLayer(FurtherTypes[4], limit), GenLayer(FurtherTypes[5], limit),
            (a, b, c, d, e, f) => new[] { a, b, c, d, e, f })
        from order in Gen.Int.Array[FurtherTypes.Length]
        from count in Gen.Int[0, 5]
        select BuildPolicy(limit, ceiling, ratios, deductible, basis,
            candidates.Zip(order).OrderBy(p => p.Second).Take(count).Select(p => p.First));

    private static SettlementPolicy BuildPolicy(long limit, long ceiling, int[] ratios, long deductible, DeductibleBasis basis, IEnumerable<FundLayer> further) =>
        TestPolicies.Employee() with
        {
            Deductibles =
            [
                new DeductibleRule(MedGroup.Outpatient, null, new Money(deductible), basis),
                new DeductibleRule(MedGroup.Inpatient, null, new Money(deductible), basis),
                new DeductibleRule(MedGroup.Inpatient, HospitalLevel.Tertiary, new Money(deductible / 2), basis),
            ],
            Ratios =
            [
                new RatioRule(MedGroup.Outpatient, null, null, ratios[0]),
                new RatioRule(MedGroup.ChronicOutpatient, null, null, ratios[1]),
                new RatioRule(MedGroup.Inpatient, null, null, ratios[2]),
                new RatioRule(MedGroup.Pharmacy, null, null, ratios[3]),
                new RatioRule(MedGroup.Inpatient, HospitalLevel.Tertiary, PersonType.Retiree, ratios[4]),
            ],
            FundLayers = [FundLayer.Basic(FundPayType.EmployeePool, new Money(limit), new Money(ceiling)), .. further],
        };

    /// <summary>Consistent item totals: each part ≥ 0, medfee = their sum ≤ 10^9 fen.</summary>
    private static readonly Gen<ItemTotals> GenItems = Gen.Select(
        Amount(250_000_000), Amount(250_000_000), Amount(250_000_000), Amount(250_000_000),
        TestPolicies.Items);

    /// <summary>Prior accumulators, sometimes beyond the caps the policy generator can produce.</summary>
    private static readonly Gen<YearAccumulators> GenYear =
        Amount(60_000_000).Array[AllAccumulators.Length].Select(amounts =>
            YearAccumulators.Of([.. AllAccumulators.Select((id, i) => new AccumulatorValue(id, new Money(amounts[i])))]));

    private static readonly Gen<SettlementInput> GenInput = Gen.Select(
        GenItems,
        Gen.OneOf(MedType.GeneralOutpatient, MedType.OutpatientRegistration, MedType.Emergency, MedType.ChronicSpecialOutpatient,
            MedType.Inpatient, MedType.EmergencyToInpatient, MedType.Pharmacy),
        Gen.OneOf(HospitalLevel.Primary, HospitalLevel.Secondary, HospitalLevel.Tertiary, HospitalLevel.Unrated),
        Gen.OneOf(PersonType.EmployeeInService, PersonType.Retiree, PersonType.ResidentAdult, PersonType.ResidentMinor),
        Gen.Bool,
        Ratio,
        Gen.Bool,
        Gen.Frequency((1, Gen.Long[-1_000, 0]), (6, Amount(100_000_000))),
        GenYear,
        Gen.Int[0, 3],
        (items, medType, level, personType, aid, reduction, useAccount, balance, year, flags) => new SettlementInput(
            items, medType, level, personType, aid,
            new EligibilityDecision(reduction == 0 ? Scope.Local : Scope.CrossProvince, reduction == 0 ? FilingClass.None : FilingClass.OtherTemporary, false, reduction),
            useAccount, new Money(balance), year, CivilServant: (flags & 1) != 0, EnterpriseSupplementary: (flags & 2) != 0));

    [Fact]
    public void GenPolicy_Sample_PassesValidator()
    {
        // The generator must only produce policies the validator accepts, or the properties below test nonsense.
        GenPolicy.Sample(policy => Assert.Empty(PolicyValidator.Validate(policy)), iter: Iterations);
    }

    [Fact]
    public void Compute_RandomPolicyBillAndPriors_EveryAmountNonNegativeAndIdentitiesHold()
    {
        // medfee = fulamt + overlmt + preselfpay + inscp; fund = hifp + hifob + hifmi + maf;
        // psn_part = medfee − fund; psn_cash = psn_part − acct; every amount ≥ 0.
        Gen.Select(GenPolicy, GenInput).Sample((policy, input) =>
        {
            var computation = SettlementEngine.Compute(input, policy);
            SplitAssert.Identities(input, computation);
        }, iter: Iterations);
    }

    [Fact]
    public void Compute_RandomPriors_NoLayerExceedsItsYearlyCap()
    {
        Gen.Select(GenPolicy, GenInput).Sample((policy, input) =>
        {
            var s = SettlementEngine.Compute(input, policy).Split;

            foreach (var layer in policy.FundLayers)
            {
                var paid = PaidBy(s, layer.FundPayType);
                if (input.Covers(layer.Coverage))
                {
                    AssertWithinCap(layer.FundPayType.ToString(), input.Year[AccumulatorId.PaidBy(layer.FundPayType)], paid, layer.YearlyCap);
                }
                else
                {
                    Assert.Equal(Money.Zero, paid);
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Compute_RandomSettlement_ApplyingDeltaThenMinusRestoresAccumulators()
    {
        Gen.Select(GenPolicy, GenInput).Sample((policy, input) =>
        {
            var delta = SettlementEngine.Compute(input, policy).Delta;

            var after = input.Year.Plus(delta);

            foreach (var id in AllAccumulators)
            {
                Assert.Equal(input.Year[id].Fen + delta[id].Fen, after[id].Fen);
            }

            Assert.Equal(input.Year, after.Minus(delta));
        }, iter: Iterations);
    }

    [Fact]
    public void Compute_ReductionRaised_BasicFundNeverGrows()
    {
        Gen.Select(GenPolicy, GenInput, Gen.Int[0, BasisPoints.Whole]).Sample((policy, input, extra) =>
        {
            var lower = SettlementEngine.Compute(input, policy).Split;
            var raised = input with { Eligibility = input.Eligibility with { ReductionBp = input.Eligibility.ReductionBp + extra } };

            var higher = SettlementEngine.Compute(raised, policy).Split;

            Assert.True(higher.BasicRatioBp <= lower.BasicRatioBp);
            Assert.True(higher.BasicFund <= lower.BasicFund, $"reduction +{extra} bp raised hifp {lower.BasicFund.Fen} → {higher.BasicFund.Fen}");
        }, iter: Iterations);
    }

    [Fact]
    public void Compute_BillInOneGoOrThreadedThroughTwoSettlements_CeilingNeverExceededAndSplitsAgree()
    {
        Gen.Select(GenPolicy, GenInput, GenItems).Sample((policy, input, secondPart) =>
        {
            // Arrange: the same visit's bill settled as one, or as two consecutive settlements threading the accumulators.
            var firstPart = input.Items;
            var whole = new ItemTotals(
                firstPart.MedFeeSum + secondPart.MedFeeSum,
                firstPart.FullOwnPay + secondPart.FullOwnPay,
                firstPart.OverLimit + secondPart.OverLimit,
                firstPart.PreSelfPay + secondPart.PreSelfPay,
                firstPart.InScope + secondPart.InScope);
            var prior = input.Year;

            // Act
            var oneGo = SettlementEngine.Compute(input with { Items = whole }, policy);
            var first = SettlementEngine.Compute(input, policy);
            var second = SettlementEngine.Compute(input with { Items = secondPart, Year = prior.Plus(first.Delta) }, policy);

            // Assert: neither path lets any layer pass its yearly cap.
            var threadedBasic = first.Split.BasicFund + second.Split.BasicFund;
            foreach (var layer in policy.FundLayers)
            {
                var paid = AccumulatorId.PaidBy(layer.FundPayType);
                AssertWithinCap(layer.FundPayType + " (one go)", prior[paid], oneGo.Delta[paid], layer.YearlyCap);
                AssertWithinCap(layer.FundPayType + " (threaded)", prior[paid], first.Delta[paid] + second.Delta[paid], layer.YearlyCap);
            }

            // With a yearly (or no) deductible the two paths deduct the same, so the band measure grows by the same
            // eligible amount and the basic fund differs only by per-settlement rounding: at most 1 fen.
            var rule = policy.DeductibleFor(MedTypes.GroupOf(input.MedType), input.HospitalLevel);
            if (rule is null || rule.Basis == DeductibleBasis.Yearly)
            {
                Assert.Equal(oneGo.Split.Deductible, first.Split.Deductible + second.Split.Deductible);
                var elig = AccumulatorId.EligibleCumulative;
                Assert.Equal(oneGo.Delta[elig], first.Delta[elig] + second.Delta[elig]);
                Assert.InRange(Math.Abs(oneGo.Split.BasicFund.Fen - threadedBasic.Fen), 0, 1);
            }
        }, iter: Iterations);
    }

    private static Money PaidBy(in SettlementSplit s, FundPayType type)
    {
        foreach (var p in s.Payments)
        {
            if (p.FundPayType == type)
            {
                return p.Paid;
            }
        }

        return Money.Zero;
    }

    /// <summary>prior + this ≤ cap when prior ≤ cap; nothing at all once the cap is already passed.</summary>
    private static void AssertWithinCap(string layer, Money prior, Money paid, Money cap)
    {
        if (prior <= cap)
        {
            Assert.True(prior + paid <= cap, $"{layer}: prior {prior.Fen} + this {paid.Fen} > cap {cap.Fen}");
        }
        else
        {
            Assert.True(paid == Money.Zero, $"{layer}: prior {prior.Fen} already above cap {cap.Fen}, yet paid {paid.Fen}");
        }
    }
}
