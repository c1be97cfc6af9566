using Adjudication.Domain.Policy;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Settlement;

/// <summary>
/// The insured-side settlement computation (参保地政策, DESIGN.md §4.2 steps 2-7). Pure: it reads the policy and the
/// person's accumulators and returns the split and the deltas; committing them is the store's job (step 8).
/// </summary>
public static class SettlementEngine
{
    /// <summary>Computes the split for one settlement.</summary>
    public static SettlementComputation Compute(in SettlementInput input, SettlementPolicy policy)
    {
        var items = input.Items;
        var year = input.Year;
        var group = MedTypes.GroupOf(input.MedType);

        // Step 2: ratio minus the filing or zone reduction, floored at 0.
        var ratio = Math.Max(0, policy.RatioFor(group, input.HospitalLevel, input.PersonType) - input.Eligibility.ReductionBp);

        // Step 3: deductible, yearly or per visit.
        var deductibleRule = policy.DeductibleFor(group, input.HospitalLevel);
        var deductible = Money.Zero;
        if (deductibleRule is not null)
        {
            var used = deductibleRule.Basis == DeductibleBasis.Yearly ? year.DeductibleUsed : Money.Zero;
            deductible = Money.Min(items.InScope, (deductibleRule.Amount - used).AtLeastZero());
        }

        var eligible = items.InScope - deductible;

        // Step 4: basic fund, one band [0, L) at R over the yearly cumulative eligible amount, capped by the ceiling.
        var eligibleAfter = year.EligibleCumulative + eligible;
        var basicLayer = new Band(0, policy.BasicBandLimit.Fen, ratio);
        var basicUncapped = basicLayer.Pay(year.EligibleCumulative.Fen, eligibleAfter.Fen);
        var basic = Money.Min(basicUncapped, (policy.BasicCeiling - year.BasicPaid).AtLeastZero());

        // Step 5: second layer.
        var burden = items.InScope - basic;
        var burdenAfter = year.BurdenCumulative + burden;
        var largeAmount = Money.Zero;
        var criticalIllness = Money.Zero;
        switch (policy.SecondLayerKind)
        {
            case SecondLayerKind.LargeAmount:
                largeAmount = policy.SecondLayer.Pay(year.EligibleCumulative, eligibleAfter, year.SecondLayerPaid);
                break;
            case SecondLayerKind.CriticalIllness:
                criticalIllness = policy.SecondLayer.Pay(year.BurdenCumulative, burdenAfter, year.SecondLayerPaid);
                break;
            case SecondLayerKind.None:
            default:
                break;
        }

        var second = largeAmount + criticalIllness;

        // Step 6: medical assistance on what remains of the in-scope amount.
        var assistance = Money.Zero;
        if (input.AssistanceEligible && policy.Assistance is { } aid)
        {
            var remaining = items.InScope - basic - second;
            assistance = Money.Min(remaining.ApplyRatio(aid.RatioBp), (aid.YearlyCap - year.AssistancePaid).AtLeastZero());
        }

        // Step 7: fund total, personal part, account, cash.
        var fundPay = basic + second + assistance;
        var personalPart = items.MedFeeSum - fundPay;
        var accountPay = input.UseAccount ? Money.Min(input.AccountBalance.AtLeastZero(), personalPart) : Money.Zero;
        var split = new SettlementSplit(
            MedFeeSum: items.MedFeeSum,
            FullOwnPay: items.FullOwnPay,
            OverLimit: items.OverLimit,
            PreSelfPay: items.PreSelfPay,
            InScope: items.InScope,
            Deductible: deductible,
            BasicFund: basic,
            PoolSelfPay: eligible - basic,
            LargeAmount: largeAmount,
            CriticalIllness: criticalIllness,
            Assistance: assistance,
            FundPaySum: fundPay,
            PersonalPart: personalPart,
            AccountPay: accountPay,
            CashPay: personalPart - accountPay,
            BalanceAfter: input.AccountBalance - accountPay,
            BasicRatioBp: ratio);
        // Only a yearly deductible counts against the year: a per-visit deductible must not use up the yearly one.
        var yearlyDeductible = deductibleRule?.Basis == DeductibleBasis.Yearly ? deductible : Money.Zero;
        var delta = new YearAccumulators(yearlyDeductible, eligible, basic, burden, second, assistance);
        return new SettlementComputation(split, delta, accountPay);
    }
}
