using System.Text.Json;
using Adjudication.Contracts.V1;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>Reads amounts of a JSON answer back to fen, exactly, and compares a setlinfo with a gRPC split.</summary>
public static class JsonAmounts
{
    /// <summary>The setlinfo money fields and the split field each must equal.</summary>
    private static readonly (string Name, Func<SettlementSplit, long> Of)[] Fields =
    [
        ("medfee_sumamt", s => s.MedfeeSumamt), ("fulamt_ownpay_amt", s => s.FulamtOwnpayAmt), ("overlmt_selfpay", s => s.OverlmtSelfpay),
        ("preselfpay_amt", s => s.PreselfpayAmt), ("inscp_scp_amt", s => s.InscpScpAmt), ("act_pay_dedc", s => s.ActPayDedc),
        ("hifp_pay", s => s.HifpPay), ("cvlserv_pay", s => s.CvlservPay), ("hifes_pay", s => s.HifesPay), ("hifmi_pay", s => s.HifmiPay),
        ("hifob_pay", s => s.HifobPay), ("maf_pay", s => s.MafPay), ("oth_pay", s => s.OthPay), ("fund_pay_sumamt", s => s.FundPaySumamt),
        ("psn_part_amt", s => s.PsnPartAmt), ("acct_pay", s => s.AcctPay), ("psn_cash_pay", s => s.PsnCashPay), ("hosp_part_amt", s => s.HospPartAmt),
    ];

    /// <summary>The amount <paramref name="name"/> of <paramref name="row"/> in fen; it must be a JSON number with 2 decimals.</summary>
    public static long Fen(JsonElement row, string name)
    {
        var value = row.GetProperty(name);
        Assert.Equal(JsonValueKind.Number, value.ValueKind);
        var text = value.GetRawText();
        var point = text.IndexOf('.', StringComparison.Ordinal);
        Assert.True(point > 0 && text.Length - point - 1 == 2, $"{name} is written '{text}', not yuan with 2 decimals");
        return decimal.ToInt64(value.GetDecimal() * 100m);
    }

    /// <summary>
    /// Every money field of the setlinfo of <paramref name="output"/> equals <paramref name="sign"/> × the split's (−1 for a cancel),
    /// the ratio is R as a fraction, setldetail lists the split's layers, and the national identities hold to the fen.
    /// </summary>
    public static void Equal(SettlementSplit expected, JsonElement output, int sign = 1)
    {
        var setlinfo = output.GetProperty("setlinfo");
        foreach (var (name, of) in Fields)
        {
            Assert.True(sign * of(expected) == Fen(setlinfo, name), $"{name}: gRPC {sign * of(expected)} fen, JSON {setlinfo.GetProperty(name).GetRawText()}");
        }

        Assert.Equal(expected.PoolPropSelfpay / 10_000m, setlinfo.GetProperty("pool_prop_selfpay").GetDecimal());
        Assert.Equal(4, setlinfo.GetProperty("pool_prop_selfpay").GetRawText().Split('.')[1].Length);
        var detail = output.GetProperty("setldetail").EnumerateArray().ToList();
        Assert.Equal(expected.Setldetail.Count, detail.Count);
        for (var i = 0; i < detail.Count; i++)
        {
            Assert.Equal(expected.Setldetail[i].FundPayType.ToString(System.Globalization.CultureInfo.InvariantCulture), detail[i].GetProperty("fund_pay_type").GetString());
            Assert.Equal(sign * expected.Setldetail[i].FundPayamt, Fen(detail[i], "fund_payamt"));
            Assert.Equal(sign * expected.Setldetail[i].InscpScpAmt, Fen(detail[i], "inscp_scp_amt"));
            Assert.Equal(expected.Setldetail[i].CrtPaybLmtAmt, Fen(detail[i], "crt_payb_lmt_amt"));
        }

        Identities(setlinfo);
    }

    /// <summary>The national identities: medfee = fund + psn_part + hosp_part; psn_part = acct_pay + psn_cash_pay.</summary>
    public static void Identities(JsonElement setlinfo)
    {
        Assert.Equal(Fen(setlinfo, "medfee_sumamt"), Fen(setlinfo, "fund_pay_sumamt") + Fen(setlinfo, "psn_part_amt") + Fen(setlinfo, "hosp_part_amt"));
        Assert.Equal(Fen(setlinfo, "psn_part_amt"), Fen(setlinfo, "acct_pay") + Fen(setlinfo, "psn_cash_pay"));
    }
}
