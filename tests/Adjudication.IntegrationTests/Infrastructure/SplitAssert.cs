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
            s.PoolPropSelfpay, s.HifobPay, s.HifmiPay, s.MafPay, s.FundPaySumamt, s.PsnPartAmt, s.AcctPay, s.PsnCashPay, s.Balc,
        ];
        Assert.All(amounts, a => Assert.True(a >= 0, $"negative amount {a} in {s}"));

        // §4.1: medfee_sumamt = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt.
        Assert.Equal(s.MedfeeSumamt, s.FulamtOwnpayAmt + s.OverlmtSelfpay + s.PreselfpayAmt + s.InscpScpAmt);
        // §4.2 steps 3-4: inscp = act_pay_dedc + hifp_pay + pool_prop_selfpay.
        Assert.Equal(s.InscpScpAmt, s.ActPayDedc + s.HifpPay + s.PoolPropSelfpay);
        // §4.2 step 7.
        Assert.Equal(s.FundPaySumamt, s.HifpPay + s.HifobPay + s.HifmiPay + s.MafPay);
        Assert.Equal(s.PsnPartAmt, s.MedfeeSumamt - s.FundPaySumamt);
        Assert.Equal(s.PsnCashPay, s.PsnPartAmt - s.AcctPay);
        Assert.True(s.FundPaySumamt <= s.InscpScpAmt, $"funds pay {s.FundPaySumamt} > inscp {s.InscpScpAmt}");
    }
}
