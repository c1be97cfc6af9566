using Adjudication.Domain.Classification;
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

        NonNegative(s.MedFeeSum, nameof(s.MedFeeSum));
        NonNegative(s.FullOwnPay, nameof(s.FullOwnPay));
        NonNegative(s.OverLimit, nameof(s.OverLimit));
        NonNegative(s.PreSelfPay, nameof(s.PreSelfPay));
        NonNegative(s.InScope, nameof(s.InScope));
        NonNegative(s.Deductible, nameof(s.Deductible));
        NonNegative(s.BasicFund, nameof(s.BasicFund));
        NonNegative(s.PoolSelfPay, nameof(s.PoolSelfPay));
        NonNegative(s.LargeAmount, nameof(s.LargeAmount));
        NonNegative(s.CriticalIllness, nameof(s.CriticalIllness));
        NonNegative(s.Assistance, nameof(s.Assistance));
        NonNegative(s.FundPaySum, nameof(s.FundPaySum));
        NonNegative(s.PersonalPart, nameof(s.PersonalPart));
        NonNegative(s.AccountPay, nameof(s.AccountPay));
        NonNegative(s.CashPay, nameof(s.CashPay));
        Assert.InRange(s.BasicRatioBp, 0, BasisPoints.Whole);

        // §4.1: medfee_sumamt = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt.
        Assert.Equal(s.MedFeeSum.Fen, s.FullOwnPay.Fen + s.OverLimit.Fen + s.PreSelfPay.Fen + s.InScope.Fen);
        // The item totals pass through unchanged.
        Assert.Equal(input.Items.MedFeeSum, s.MedFeeSum);
        Assert.Equal(input.Items.InScope, s.InScope);

        // §4.2 step 3: act_pay_dedc ≤ inscp; eligible = inscp − act_pay_dedc splits into hifp + pool_prop_selfpay.
        Assert.True(s.Deductible <= s.InScope, $"deductible {s.Deductible.Fen} > inscp {s.InScope.Fen}");
        Assert.Equal(s.InScope.Fen, s.Deductible.Fen + s.BasicFund.Fen + s.PoolSelfPay.Fen);

        // §4.2 step 7.
        Assert.Equal(s.FundPaySum.Fen, s.BasicFund.Fen + s.LargeAmount.Fen + s.CriticalIllness.Fen + s.Assistance.Fen);
        Assert.Equal(s.PersonalPart.Fen, s.MedFeeSum.Fen - s.FundPaySum.Fen);
        Assert.Equal(s.CashPay.Fen, s.PersonalPart.Fen - s.AccountPay.Fen);
        Assert.True(s.FundPaySum <= s.InScope, $"funds {s.FundPaySum.Fen} pay more than inscp {s.InScope.Fen}");
        Assert.Equal(input.UseAccount ? Math.Min(Math.Max(0, input.AccountBalance.Fen), s.PersonalPart.Fen) : 0, s.AccountPay.Fen);
        Assert.Equal(s.AccountPay, computation.AccountDebit);
        Assert.Equal(input.AccountBalance.Fen - s.AccountPay.Fen, s.BalanceAfter.Fen);

        // The delta is exactly what this settlement adds to the year.
        // A yearly deductible counts against the year in full; a per-visit one not at all.
        Assert.True(d.DeductibleUsed == s.Deductible || d.DeductibleUsed.Fen == 0, $"deductible delta {d.DeductibleUsed.Fen} is neither {s.Deductible.Fen} nor 0");
        Assert.Equal(s.InScope.Fen - s.Deductible.Fen, d.EligibleCumulative.Fen);
        Assert.Equal(s.BasicFund, d.BasicPaid);
        Assert.Equal(s.InScope.Fen - s.BasicFund.Fen, d.BurdenCumulative.Fen);
        Assert.Equal(s.LargeAmount.Fen + s.CriticalIllness.Fen, d.SecondLayerPaid.Fen);
        Assert.Equal(s.Assistance, d.AssistancePaid);
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
