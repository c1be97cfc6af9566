using System.Globalization;
using System.Text.Json;
using Adjudication.Contracts.V1;

namespace Adjudication.Node.Gateway;

/// <summary>
/// The settlement output of 2206/2207/2303/2304 and of the cancels 2208/2305 (NATIONAL-INTERFACE.md §2): one
/// <c>setlinfo</c> row with the split in yuan and <c>setldetail</c>, one row per fund layer that paid. A cancel answers
/// the amounts it gave back negated, as the national 2208 does (and as the hospital ledger books the reversed row);
/// the balance and the ratio are states, not movements, and keep their sign.
/// </summary>
internal static class SetlinfoOutput
{
    /// <summary>What the settlement row names besides the split.</summary>
    /// <param name="MdtrtId">就诊ID.</param>
    /// <param name="SetlId">结算ID; empty for a pre-settlement (not written).</param>
    /// <param name="PsnNo">人员编号.</param>
    /// <param name="SetlTime">结算时间, yyyy-MM-dd HH:mm:ss.</param>
    /// <param name="Msgid">The sender's msgid, written as medins_setl_id as the national interface does.</param>
    /// <param name="Balc">Account balance after the call.</param>
    /// <param name="Cancel">A 2208/2305 answer: amounts negated, and the cash field also under its 2208 spelling.</param>
    public sealed record Row(string MdtrtId, string SetlId, string PsnNo, string SetlTime, string Msgid, long Balc, bool Cancel);

    /// <summary>Writes <c>setlinfo</c> and <c>setldetail</c> of <paramref name="split"/>.</summary>
    public static void Write(Utf8JsonWriter w, SettlementSplit split, Row row)
    {
        var sign = row.Cancel ? -1L : 1L;
        w.WriteStartObject("setlinfo");
        w.WriteString("mdtrt_id", row.MdtrtId);
        if (row.SetlId.Length > 0)
        {
            w.WriteString("setl_id", row.SetlId);
        }

        w.WriteString("psn_no", row.PsnNo);
        w.WriteString("setl_time", row.SetlTime);
        w.Money("medfee_sumamt", sign * split.MedfeeSumamt);
        w.Money("fulamt_ownpay_amt", sign * split.FulamtOwnpayAmt);
        w.Money("overlmt_selfpay", sign * split.OverlmtSelfpay);
        w.Money("preselfpay_amt", sign * split.PreselfpayAmt);
        w.Money("inscp_scp_amt", sign * split.InscpScpAmt);
        w.Money("act_pay_dedc", sign * split.ActPayDedc);
        w.Money("hifp_pay", sign * split.HifpPay);
        // 基本医疗保险统筹基金支付比例: the ratio R as a fraction (DESIGN.md §4.2), never an amount.
        w.WriteNumber("pool_prop_selfpay", NationalNumbers.Ratio(split.PoolPropSelfpay));
        w.Money("cvlserv_pay", sign * split.CvlservPay);
        w.Money("hifes_pay", sign * split.HifesPay);
        w.Money("hifmi_pay", sign * split.HifmiPay);
        w.Money("hifob_pay", sign * split.HifobPay);
        w.Money("maf_pay", sign * split.MafPay);
        w.Money("oth_pay", sign * split.OthPay);
        w.Money("fund_pay_sumamt", sign * split.FundPaySumamt);
        w.Money("psn_part_amt", sign * split.PsnPartAmt);
        w.Money("acct_pay", sign * split.AcctPay);
        w.Money("psn_cash_pay", sign * split.PsnCashPay);
        if (row.Cancel)
        {
            // 2208 prints the field as pdn_cash_pay (NATIONAL-INTERFACE.md §5); HIS built on that spelling read it there.
            w.Money("pdn_cash_pay", sign * split.PsnCashPay);
        }

        w.Money("hosp_part_amt", sign * split.HospPartAmt);
        w.Money("balc", row.Balc);
        // No personal-account mutual aid (共济) and no disabled-person fund here: always 0, as empty numerics are.
        w.Money("acct_mulaid_pay", 0);
        w.Money("hifdm_pay", 0);
        w.WriteString("medins_setl_id", row.Msgid);
        w.WriteEndObject();
        w.WriteStartArray("setldetail");
        foreach (var layer in split.Setldetail)
        {
            w.WriteStartObject();
            w.WriteString("fund_pay_type", layer.FundPayType.ToString(CultureInfo.InvariantCulture));
            w.Money("inscp_scp_amt", sign * layer.InscpScpAmt);
            w.Money("crt_payb_lmt_amt", layer.CrtPaybLmtAmt);
            w.Money("fund_payamt", sign * layer.FundPayamt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
