using Adjudication.Domain.Policy;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Settlement;

/// <summary>
/// The insured-side settlement computation (参保地政策, DESIGN.md §4.2 steps 2-7, §4.3). Pure: it reads the policy and
/// the person's accumulators and returns the split and the deltas; committing them is the store's job (step 8).
/// </summary>
public static class SettlementEngine
{
    // Policies have a handful of layers; more than this many still work, on the heap.
    private const int MaxStackRows = 16;

    /// <summary>Computes the split for one settlement.</summary>
    public static SettlementComputation Compute(in SettlementInput input, SettlementPolicy policy)
    {
        var items = input.Items;
        var group = MedTypes.GroupOf(input.MedType);

        // Step 2: ratio minus the filing or zone reduction, floored at 0.
        var ratio = Math.Max(0, policy.RatioFor(group, input.HospitalLevel, input.PersonType) - input.Eligibility.ReductionBp);

        // Step 3: deductible, yearly or per visit.
        var deductibleRule = policy.DeductibleFor(group, input.HospitalLevel);
        var deductible = Money.Zero;
        if (deductibleRule is not null)
        {
            var used = deductibleRule.Basis == DeductibleBasis.Yearly ? input.Year[AccumulatorId.DeductibleUsed] : Money.Zero;
            deductible = Money.Min(items.InScope, (deductibleRule.Amount - used).AtLeastZero());
        }

        // Steps 4-6 (§4.3): the fund layers in order, each on what the ones before it left.
        var eligible = items.InScope - deductible;
        var layers = policy.FundLayers;
        var delta = new AccumulatorDeltas(DeltaCapacity(layers));
        // Rows collect on the stack and leave it as one exact array (DESIGN.md §10: bytes per settle).
        Span<FundPayment> rows = layers.Count <= MaxStackRows ? stackalloc FundPayment[MaxStackRows] : new FundPayment[layers.Count];
        var sums = ApplyLayers(input, layers, eligible, ratio, ref delta, rows, out var paying);

        // Only a yearly deductible counts against the year: a per-visit deductible must not use up the yearly one.
        delta.Add(AccumulatorId.DeductibleUsed, deductibleRule?.Basis == DeductibleBasis.Yearly ? deductible : Money.Zero);
        delta.Add(AccumulatorId.EligibleCumulative, eligible);
        delta.Add(AccumulatorId.BurdenCumulative, items.InScope - sums.Basic);
        var split = Split(input, deductible, ratio, sums, paying == 0 ? [] : rows[..paying].ToArray());
        return new SettlementComputation(split, delta.ToAccumulators(), split.AccountPay);
    }

    // Each layer that covers the person, in order: its payment, its row when it paid, and what it adds to the year.
    private static FundFieldSums ApplyLayers(
        in SettlementInput input, IReadOnlyList<FundLayer> layers, Money eligible, int ratio, ref AccumulatorDeltas delta, Span<FundPayment> rows, out int paying)
    {
        var sums = default(FundFieldSums);
        paying = 0;
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            if (!input.Covers(layer.Coverage))
            {
                continue;
            }

            var payment = Pay(layer, input.Year, eligible, input.Items.InScope - sums.Total, ratio);
            if (layer.Measure == FundMeasure.CumulativeBurden)
            {
                delta.Add(AccumulatorId.BurdenOf(layer.FundPayType), payment.InScope);
            }

            if (payment.Paid.Fen > 0)
            {
                rows[paying++] = payment;
                delta.Add(AccumulatorId.PaidBy(layer.FundPayType), payment.Paid);
                sums.Add(FundFields.Of(layer.FundPayType), payment.Paid);
            }
        }

        return sums;
    }

    // Step 7: fund total, personal part, account, cash. No policy has a hospital share yet: hosp_part_amt is 0.
    private static SettlementSplit Split(in SettlementInput input, Money deductible, int ratio, in FundFieldSums sums, FundPayment[] payments)
    {
        var items = input.Items;
        var personalPart = items.MedFeeSum - sums.Total;
        var accountPay = input.UseAccount ? Money.Min(input.AccountBalance.AtLeastZero(), personalPart) : Money.Zero;
        return new SettlementSplit(
            MedFeeSum: items.MedFeeSum,
            FullOwnPay: items.FullOwnPay,
            OverLimit: items.OverLimit,
            PreSelfPay: items.PreSelfPay,
            InScope: items.InScope,
            Deductible: deductible,
            BasicFund: sums.Basic,
            CivilServant: sums.CivilServant,
            EnterpriseSupplementary: sums.EnterpriseSupplementary,
            CriticalIllness: sums.CriticalIllness,
            LargeAmount: sums.LargeAmount,
            Assistance: sums.Assistance,
            Other: sums.Other,
            FundPaySum: sums.Total,
            PersonalPart: personalPart,
            AccountPay: accountPay,
            CashPay: personalPart - accountPay,
            HospitalPart: Money.Zero,
            BalanceAfter: input.AccountBalance - accountPay,
            BasicRatioBp: ratio,
            Payments: payments);
    }

    // Three policy-wide accumulators, what each layer paid, and the measure of each layer on the yearly burden.
    private static int DeltaCapacity(IReadOnlyList<FundLayer> layers)
    {
        var capacity = 3 + layers.Count;
        for (var i = 0; i < layers.Count; i++)
        {
            capacity += layers[i].Measure == FundMeasure.CumulativeBurden ? 1 : 0;
        }

        return capacity;
    }

    // §4.2: the bands over the layer's measure, then the yearly cap; never more than the burden the layers before left.
    private static FundPayment Pay(FundLayer layer, YearAccumulators year, Money eligible, Money left, int ratio)
    {
        var before = layer.Measure switch
        {
            FundMeasure.CumulativeEligible => year[AccumulatorId.EligibleCumulative],
            FundMeasure.CumulativeBurden => year[AccumulatorId.BurdenOf(layer.FundPayType)],
            _ => Money.Zero,
        };
        var after = before + (layer.Measure == FundMeasure.CumulativeEligible ? eligible : left);
        var limit = (layer.YearlyCap - year[AccumulatorId.PaidBy(layer.FundPayType)]).AtLeastZero();
        var paid = Money.Min(Money.Min(layer.Uncapped(before, after, ratio), limit), left);
        return new FundPayment(layer.FundPayType, left, limit, paid);
    }
}
