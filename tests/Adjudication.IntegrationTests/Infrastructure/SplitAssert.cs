using Adjudication.Contracts.V1;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>The identities and sign rules of DESIGN.md §4, checked on every split that comes back over the wire.</summary>
public static class SplitAssert
{
    /// <summary>Every amount ≥ 0 and every §4 identity holds to the fen.</summary>
    public static void Identities(SettlementSplit s)
    {
        long[] amounts =
        [
            s.MedfeeSumamt, s.FulamtOwnpayAmt, s.OverlmtSelfpay, s.PreselfpayAmt, s.InscpScpAmt, s.ActPayDedc, s.HifpPay,
            s.HifobPay, s.HifmiPay, s.MafPay, s.CvlservPay, s.HifesPay, s.OthPay, s.FundPaySumamt, s.PsnPartAmt, s.AcctPay,
            s.PsnCashPay, s.HospPartAmt, s.Balc,
        ];
        Assert.All(amounts, a => Assert.True(a >= 0, $"negative amount {a} in {s}"));

        // §4.1: medfee_sumamt = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt.
        Assert.Equal(s.MedfeeSumamt, s.FulamtOwnpayAmt + s.OverlmtSelfpay + s.PreselfpayAmt + s.InscpScpAmt);
        // §4.2: pool_prop_selfpay is the basic fund's ratio R in basis points, never an amount.
        Assert.Equal(s.HifpRatioBp, s.PoolPropSelfpay);
        Assert.InRange(s.PoolPropSelfpay, 0, 10_000);
        // §4.2 steps 3-4: the basic fund pays at most the eligible amount, inscp − act_pay_dedc.
        Assert.True(s.HifpPay <= s.InscpScpAmt - s.ActPayDedc, $"hifp {s.HifpPay} > eligible in {s}");
        // §4.2 step 7, §4.3: named fields are sums over the layers, listed one by one in setldetail.
        Assert.Equal(s.FundPaySumamt, s.HifpPay + s.CvlservPay + s.HifesPay + s.HifmiPay + s.HifobPay + s.MafPay + s.OthPay);
        Assert.Equal(s.FundPaySumamt, s.Setldetail.Sum(d => d.FundPayamt));
        Assert.All(s.Setldetail, d => Assert.True(d.FundPayamt > 0 && d.FundPayamt <= d.CrtPaybLmtAmt && d.FundPayamt <= d.InscpScpAmt, $"row {d}"));
        Assert.Equal(s.MedfeeSumamt, s.FundPaySumamt + s.PsnPartAmt + s.HospPartAmt);
        Assert.Equal(s.PsnCashPay, s.PsnPartAmt - s.AcctPay);
        Assert.True(s.FundPaySumamt <= s.InscpScpAmt, $"funds pay {s.FundPaySumamt} > inscp {s.InscpScpAmt}");
    }
}
