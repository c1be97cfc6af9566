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

    /// <summary>Valid policies (they pass <see cref="PolicyValidator"/>): every med group has a general ratio rule,
    /// second-layer bands are contiguous and start at the basic band limit (large amount) or a threshold (critical illness).</summary>
    private static readonly Gen<SettlementPolicy> GenPolicy =
        from kind in Gen.OneOf(SecondLayerKind.None, SecondLayerKind.LargeAmount, SecondLayerKind.CriticalIllness)
        from limit in Amount(20_000_000)
        from ceiling in Amount(20_000_000)
        from ratios in Ratio.Array[5]
        from deductible in Amount(300_000)
        from basis in Gen.OneOf(DeductibleBasis.Yearly, DeductibleBasis.PerVisit)
        from widths in Gen.Long[1, 30_000_000].Array[1, 3]
        from bandRatios in Ratio.Array[3]
        from lastUnbounded in Gen.Bool
        from threshold in Amount(5_000_000)
        from secondCap in Amount(50_000_000)
        from assistance in Gen.Bool
        from aidRatio in Ratio
        from aidCap in Amount(5_000_000)
        select BuildPolicy(kind, limit, ceiling, ratios, deductible, basis, widths, bandRatios, lastUnbounded, threshold, secondCap,
            assistance ? new AssistanceRule(aidRatio, new Money(aidCap)) : null);

    private static SettlementPolicy BuildPolicy(
        SecondLayerKind kind, long limit, long ceiling, int[] ratios, long deductible, DeductibleBasis basis, long[] widths,
        int[] bandRatios, bool lastUnbounded, long threshold, long secondCap, AssistanceRule? assistance)
    {
        var bands = new List<Band>();
        var lo = kind == SecondLayerKind.LargeAmount ? limit : threshold;
        for (var i = 0; i < widths.Length; i++)
        {
            var hi = lastUnbounded && i == widths.Length - 1 ? long.MaxValue : lo + widths[i];
            bands.Add(new Band(lo, hi, bandRatios[i]));
            lo = hi;
        }

        return TestPolicies.Employee() with
        {
            Insutype = kind == SecondLayerKind.CriticalIllness ? Insutype.ResidentBasic : Insutype.EmployeeBasic,
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
            BasicBandLimit = new Money(limit),
            BasicCeiling = new Money(ceiling),
            SecondLayerKind = kind,
            SecondLayer = kind == SecondLayerKind.None ? FundLayer.None : new FundLayer(bands, new Money(secondCap)),
            Assistance = assistance,
        };
    }

    /// <summary>Consistent item totals: each part ≥ 0, medfee = their sum ≤ 10^9 fen.</summary>
    private static readonly Gen<ItemTotals> GenItems = Gen.Select(
        Amount(250_000_000), Amount(250_000_000), Amount(250_000_000), Amount(250_000_000),
        TestPolicies.Items);

    /// <summary>Prior accumulators, sometimes beyond the caps the policy generator can produce.</summary>
    private static readonly Gen<YearAccumulators> GenYear = Gen.Select(
        Amount(400_000), Amount(60_000_000), Amount(25_000_000), Amount(60_000_000), Amount(60_000_000), Amount(6_000_000),
        (d, e, b, u, s, a) => TestPolicies.Year(d, e, b, u, s, a));

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
        (items, medType, level, personType, aid, reduction, useAccount, balance, year) => new SettlementInput(
            items, medType, level, personType, aid,
            new EligibilityDecision(reduction == 0 ? Scope.Local : Scope.CrossProvince, reduction == 0 ? FilingClass.None : FilingClass.OtherTemporary, false, reduction),
            useAccount, new Money(balance), year));

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
            var prior = input.Year;

            AssertWithinCap("basic", prior.BasicPaid, s.BasicFund, policy.BasicCeiling);

            var second = s.LargeAmount + s.CriticalIllness;
            if (policy.SecondLayerKind == SecondLayerKind.None)
            {
                Assert.Equal(Money.Zero, second);
            }
            else
            {
                AssertWithinCap("second layer", prior.SecondLayerPaid, second, policy.SecondLayer.YearlyCap);
                Assert.Equal(Money.Zero, policy.SecondLayerKind == SecondLayerKind.LargeAmount ? s.CriticalIllness : s.LargeAmount);
            }

            if (policy.Assistance is { } aid && input.AssistanceEligible)
            {
                AssertWithinCap("assistance", prior.AssistancePaid, s.Assistance, aid.YearlyCap);
            }
            else
            {
                Assert.Equal(Money.Zero, s.Assistance);
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

            Assert.Equal(input.Year.BasicPaid.Fen + delta.BasicPaid.Fen, after.BasicPaid.Fen);
            Assert.Equal(input.Year.EligibleCumulative.Fen + delta.EligibleCumulative.Fen, after.EligibleCumulative.Fen);
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

            // Assert: neither path lets the basic fund (or the second layer) pass its yearly cap.
            var threadedBasic = first.Split.BasicFund + second.Split.BasicFund;
            AssertWithinCap("basic (one go)", prior.BasicPaid, oneGo.Split.BasicFund, policy.BasicCeiling);
            AssertWithinCap("basic (threaded)", prior.BasicPaid, threadedBasic, policy.BasicCeiling);
            if (policy.SecondLayerKind != SecondLayerKind.None)
            {
                AssertWithinCap("second (one go)", prior.SecondLayerPaid, oneGo.Delta.SecondLayerPaid, policy.SecondLayer.YearlyCap);
                AssertWithinCap("second (threaded)", prior.SecondLayerPaid, first.Delta.SecondLayerPaid + second.Delta.SecondLayerPaid, policy.SecondLayer.YearlyCap);
            }

            // With a yearly (or no) deductible the two paths deduct the same, so the band measure grows by the same
            // eligible amount and the basic fund differs only by per-settlement rounding: at most 1 fen.
            var rule = policy.DeductibleFor(MedTypes.GroupOf(input.MedType), input.HospitalLevel);
            if (rule is null || rule.Basis == DeductibleBasis.Yearly)
            {
                Assert.Equal(oneGo.Split.Deductible, first.Split.Deductible + second.Split.Deductible);
                Assert.Equal(oneGo.Delta.EligibleCumulative, first.Delta.EligibleCumulative + second.Delta.EligibleCumulative);
                Assert.InRange(Math.Abs(oneGo.Split.BasicFund.Fen - threadedBasic.Fen), 0, 1);
                if (policy.SecondLayerKind == SecondLayerKind.LargeAmount)
                {
                    // Same measure; each band rounds once per settlement.
                    var threadedLarge = first.Split.LargeAmount + second.Split.LargeAmount;
                    Assert.InRange(Math.Abs(oneGo.Split.LargeAmount.Fen - threadedLarge.Fen), 0, policy.SecondLayer.Bands.Count);
                }
            }
        }, iter: Iterations);
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
