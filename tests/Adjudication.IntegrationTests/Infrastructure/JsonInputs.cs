using System.Text.Json;
using System.Text.Json.Nodes;
using Adjudication.Domain.Persons;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>The inputs of the national transactions as a HIS fills them, for the gateway tests.</summary>
public static class JsonInputs
{
    /// <summary>The outpatient bill of <see cref="Fees"/> in fen.</summary>
    public const long OutpatientBillFen = 21_932;

    /// <summary>An input of one <c>data</c> row.</summary>
    public static JsonObject Data(JsonObject data) => new() { ["data"] = data };

    /// <summary>The data of 2201 (or mdtrtinfo of 2401) for <paramref name="person"/>.</summary>
    public static JsonObject Registration(PersonProfile person, string medType) => new()
    {
        ["psn_no"] = person.PsnNo,
        ["insutype"] = ((int)person.Insutype).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["begntime"] = VisitTime,
        ["mdtrt_cert_type"] = "02",
        ["mdtrt_cert_no"] = person.CertNo,
        ["psn_cert_type"] = "01",
        ["certno"] = person.CertNo,
        ["psn_type"] = "1",
        ["psn_name"] = person.Name,
        ["ipt_otp_no"] = "MZ" + person.PsnNo,
        ["ipt_no"] = "ZY" + person.PsnNo,
        ["dept_code"] = "A01",
        ["dept_name"] = "内科",
        ["caty"] = "A03",
        ["med_type"] = medType,
    };

    /// <summary>The bill of the outpatient visits: 120.00 (class A) + 2 × 35.50 (class B) + 1.5 × 18.88 (class C) = 219.32.</summary>
    public static JsonObject Fees(PersonProfile person, string mdtrtId, bool asStrings)
    {
        JsonNode Number(string text) => asStrings ? JsonValue.Create(text) : JsonNode.Parse(text)!;
        var rows = new JsonArray(
            FeeRow("1", person, mdtrtId, ClassA, "120.00", "1", "120.00"),
            FeeRow("2", person, mdtrtId, ClassB, "35.50", "2", "71.00"),
            FeeRow("3", person, mdtrtId, ClassC, "18.88", "1.5", "28.32"));
        foreach (var row in rows)
        {
            foreach (var name in new[] { "pric", "cnt", "det_item_fee_sumamt" })
            {
                row![name] = Number(row[name]!.GetValue<string>());
            }
        }

        return new JsonObject { ["feedetail"] = rows };
    }

    /// <summary>A feedetail row, numbers as strings.</summary>
    public static JsonObject FeeRow(string sn, PersonProfile person, string mdtrtId, string code, string pric, string cnt, string amount) => new()
    {
        ["feedetl_sn"] = sn,
        ["mdtrt_id"] = mdtrtId,
        ["psn_no"] = person.PsnNo,
        ["chrg_bchno"] = "1",
        ["rx_circ_flag"] = "0",
        ["fee_ocur_time"] = VisitTime,
        ["med_list_codg"] = code,
        ["medins_list_codg"] = "HOSP-" + code,
        ["det_item_fee_sumamt"] = amount,
        ["cnt"] = cnt,
        ["pric"] = pric,
        ["bilg_dept_codg"] = "A01",
        ["bilg_dept_name"] = "内科",
        ["bilg_dr_codg"] = "D140100000001",
        ["bilg_dr_name"] = "张医生",
        ["hosp_appr_flag"] = "1",
        ["med_type"] = "21",
    };

    /// <summary>The data of 2206/2207 (or 2303/2304), using the account.</summary>
    public static JsonObject Settle(PersonProfile person, string mdtrtId, string medfee) => new()
    {
        ["psn_no"] = person.PsnNo,
        ["mdtrt_cert_type"] = "02",
        ["mdtrt_cert_no"] = person.CertNo,
        ["psn_cert_type"] = "01",
        ["certno"] = person.CertNo,
        ["med_type"] = "11",
        ["medfee_sumamt"] = medfee,
        ["psn_setlway"] = "01",
        ["mdtrt_id"] = mdtrtId,
        ["chrg_bchno"] = "1",
        ["acct_used_flag"] = "1",
        ["insutype"] = ((int)person.Insutype).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["fulamt_ownpay_amt"] = 0,
        ["overlmt_selfpay"] = 0,
        ["preselfpay_amt"] = 0,
        ["inscp_scp_amt"] = 0,
        ["mid_setl_flag"] = "0",
    };

    /// <summary>2201 → 2204 → 2207 of the <see cref="Fees"/> bill over <paramref name="his"/>; returns the 2207 output.</summary>
    public static async Task<JsonElement> SettleOutpatientAsync(JsonTerminal his, PersonProfile person)
    {
        var registered = await his.OkAsync(his.Envelope("2201", Data(Registration(person, "11"))));
        var mdtrtId = registered.GetProperty("data").GetProperty("mdtrt_id").GetString()!;
        await his.OkAsync(his.Envelope("2204", Fees(person, mdtrtId, asStrings: false)));
        return await his.OkAsync(his.Envelope("2207", Data(Settle(person, mdtrtId, "219.32"))));
    }
}
