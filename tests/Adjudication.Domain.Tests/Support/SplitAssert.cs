using Adjudication.Domain.Classification;
using Adjudication.Domain.Policy;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Tests.Support;

/// <summary>The identities and sign rules of DESIGN.md §4, checked on every computed settlement and classified line.</summary>
public static class SplitAssert
{
    /// <summary>Every §4 identity, every amount ≥ 0, and the delta / debit agreeing with the split.</summary>
    public static void Identities(in SettlementInput input, in SettlementComputation computation)
    {
        var s = computation.Split;
        var d = computation.Delta;

        foreach (var amount in new[]
        {
            s.MedFeeSum, s.FullOwnPay, s.OverLimit, s.PreSelfPay, s.InScope, s.Deductible, s.BasicFund, s.CivilServant,
            s.EnterpriseSupplementary, s.CriticalIllness, s.LargeAmount, s.Assistance, s.Other, s.FundPaySum, s.PersonalPart,
            s.AccountPay, s.CashPay, s.HospitalPart,
        })
        {
            NonNegative(amount, "split amount");
        }

        Assert.InRange(s.BasicRatioBp, 0, BasisPoints.Whole);

        // §4.1: medfee_sumamt = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt.
        Assert.Equal(s.MedFeeSum.Fen, s.FullOwnPay.Fen + s.OverLimit.Fen + s.PreSelfPay.Fen + s.InScope.Fen);
        // The item totals pass through unchanged.
        Assert.Equal(input.Items.MedFeeSum, s.MedFeeSum);
        Assert.Equal(input.Items.InScope, s.InScope);

        // §4.2 step 3: act_pay_dedc ≤ inscp; the basic fund pays at most eligible = inscp − act_pay_dedc.
        Assert.True(s.Deductible <= s.InScope, $"deductible {s.Deductible.Fen} > inscp {s.InScope.Fen}");
        Assert.True(s.BasicFund <= s.InScope - s.Deductible, $"hifp {s.BasicFund.Fen} > eligible {(s.InScope - s.Deductible).Fen}");

        // §4.2 step 7 and §4.3: the named fields are sums over the paying layers, one detail row each.
        Assert.Equal(
            s.FundPaySum.Fen,
            s.BasicFund.Fen + s.CivilServant.Fen + s.EnterpriseSupplementary.Fen + s.CriticalIllness.Fen + s.LargeAmount.Fen
                + s.Assistance.Fen + s.Other.Fen);
        Assert.Equal(s.FundPaySum.Fen, s.Payments.Sum(p => p.Paid.Fen));
        Assert.All(s.Payments, p => Assert.True(p.Paid.Fen > 0 && p.Paid <= p.PayableLimit && p.Paid <= p.InScope, $"row {p}"));
        Assert.Equal(s.MedFeeSum.Fen, s.FundPaySum.Fen + s.PersonalPart.Fen + s.HospitalPart.Fen);
        Assert.Equal(s.CashPay.Fen, s.PersonalPart.Fen - s.AccountPay.Fen);
        Assert.True(s.FundPaySum <= s.InScope, $"funds {s.FundPaySum.Fen} pay more than inscp {s.InScope.Fen}");
        Assert.Equal(input.UseAccount ? Math.Min(Math.Max(0, input.AccountBalance.Fen), s.PersonalPart.Fen) : 0, s.AccountPay.Fen);
        Assert.Equal(s.AccountPay, computation.AccountDebit);
        Assert.Equal(input.AccountBalance.Fen - s.AccountPay.Fen, s.BalanceAfter.Fen);

        // The delta is exactly what this settlement adds to the year.
        // A yearly deductible counts against the year in full; a per-visit one not at all.
        var dedc = d[AccumulatorId.DeductibleUsed];
        Assert.True(dedc == s.Deductible || dedc.Fen == 0, $"deductible delta {dedc.Fen} is neither {s.Deductible.Fen} nor 0");
        Assert.Equal(s.InScope.Fen - s.Deductible.Fen, d[AccumulatorId.EligibleCumulative].Fen);
        Assert.Equal(s.InScope.Fen - s.BasicFund.Fen, d[AccumulatorId.BurdenCumulative].Fen);
        foreach (var p in s.Payments)
        {
            Assert.Equal(p.Paid, d[AccumulatorId.PaidBy(p.FundPayType)]);
        }
    }

    /// <summary>
    /// The accumulators a policy reads agree: the policy-wide ones, and what each of its layers paid and measured.
    /// <paramref name="expected"/> may list accumulators of layers the policy lacks (see <see cref="TestPolicies.Year"/>).
    /// </summary>
    public static void SameYear(YearAccumulators expected, YearAccumulators actual, SettlementPolicy policy)
    {
        List<AccumulatorId> ids = [AccumulatorId.DeductibleUsed, AccumulatorId.EligibleCumulative, AccumulatorId.BurdenCumulative];
        foreach (var layer in policy.FundLayers)
        {
            ids.Add(AccumulatorId.PaidBy(layer.FundPayType));
            if (layer.Measure == FundMeasure.CumulativeBurden)
            {
                ids.Add(AccumulatorId.BurdenOf(layer.FundPayType));
            }
        }

        foreach (var id in ids)
        {
            Assert.True(expected[id] == actual[id], $"{id}: expected {expected[id].Fen}, got {actual[id].Fen}");
        }
    }

    /// <summary>§4.1 for one line: amount = fulamt + overlmt + preselfpay + inscp, each ≥ 0.</summary>
    public static void Line(in ClassifiedLine line)
    {
        NonNegative(line.Amount, nameof(line.Amount));
        NonNegative(line.FullOwnPay, nameof(line.FullOwnPay));
        NonNegative(line.OverLimit, nameof(line.OverLimit));
        NonNegative(line.PreSelfPay, nameof(line.PreSelfPay));
        NonNegative(line.InScope, nameof(line.InScope));
        Assert.Equal(line.Amount.Fen, line.FullOwnPay.Fen + line.OverLimit.Fen + line.PreSelfPay.Fen + line.InScope.Fen);
    }

    private static void NonNegative(Money amount, string name) =>
        Assert.True(amount.Fen >= 0, $"{name} is {amount.Fen} fen; every amount must be ≥ 0 (DESIGN.md §4)");
}
