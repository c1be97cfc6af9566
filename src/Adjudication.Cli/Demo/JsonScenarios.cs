using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Adjudication.Domain.Persons;
using Adjudication.Node.Security;
using Spectre.Console;

namespace Adjudication.Cli.Demo;

/// <summary>
/// The demo's cases (<see cref="DemoScenarios"/>) replayed through the node's national JSON interface (issue 17): the
/// same persons, bills and refusals, each visit as its envelopes (1101, 2201/2401, 2204/2301, 2206/2303, 2207/2304),
/// the chronic-disease filing as the agency's 2503, then 2208, 2601 and a refusal as infcode −1.
/// </summary>
public static class JsonScenarios
{
    /// <summary>Runs every case; returns how many settled.</summary>
    /// <param name="address">The node's https:// address.</param>
    /// <param name="city">The node's city.</param>
    /// <param name="certificateOf">The client certificate (with key) of an identity, issued by <paramref name="ca"/>.</param>
    /// <param name="ca">The network's CA, to check the node's certificate.</param>
    /// <param name="console">Where the splits are printed.</param>
    public static async Task<int> RunAsync(string address, string city, Func<CallerIdentity, X509Certificate2> certificateOf, X509Certificate2 ca, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(certificateOf);
        var clock = TimeProvider.System;
        JsonTerminal Terminal(string code, CallerIdentity identity) => new(address, code, city, certificateOf(identity), ca, clock);
        using var hospital = Terminal(DemoSeeder.TertiaryHospital(city), CallerIdentity.Institution(DemoSeeder.TertiaryHospital(city), city));
        using var pharmacy = Terminal(DemoSeeder.Pharmacy(city), CallerIdentity.Institution(DemoSeeder.Pharmacy(city), city));
        using var agency = Terminal(DemoSeeder.AgencyCode(city), CallerIdentity.Agency(DemoSeeder.AgencyCode(city), city));
        var persons = DemoSeeder.Persons(city);
        var settled = 0;

        var who = await hospital.OkAsync("1101", Data(new JsonObject { ["mdtrt_cert_type"] = "02", ["mdtrt_cert_no"] = persons[0].Profile.CertNo })).ConfigureAwait(false);
        var insurance = who.GetProperty("insuinfo")[0];
        console.MarkupLineInterpolated($"[grey]1101 person lookup by ID card {PersonalData.MaskIdNumber(persons[0].Profile.CertNo)} →[/] {PersonalData.MaskName(who.GetProperty("baseinfo").GetProperty("psn_name").GetString()!)}, insutype {insurance.GetProperty("insutype").GetString()}, balc {insurance.GetProperty("balc").GetRawText()}");

        var visits = new (JsonTerminal Terminal, int Person, string MedType, string Title, (string Code, string Price, string Count, bool Approved)[] Lines, string Disease)[]
        {
            (hospital, 0, "21", "Retired employee, coronary stent, tertiary hospital inpatient (住院, 职工退休)",
                [("311000005", "18000.00", "1", false), ("C0331000001", "900.00", "1", false), ("120100001", "60.00", "7", false), ("110200005", "30.00", "7", false),
                 ("250101015", "25.00", "3", false), ("XB01ACA056B001010100005", "3.50", "28", false), ("XN02BEA000C001010100006", "188.00", "2", false)], ""),
            (hospital, 1, "11", "Employee outpatient with CT over its price cap (普通门诊, 职工在职)",
                [("001102000010000", "10.00", "1", false), ("XJ01CAA040A001010100001", "12.80", "2", false), ("250101015", "25.00", "1", false), ("210300001", "260.00", "1", false)], ""),
            (hospital, 2, "21", "Child resident, laparoscopic surgery (住院, 城乡居民 未成年)",
                [("331601006", "3200.00", "1", false), ("120100001", "50.00", "5", false), ("250101015", "25.00", "4", false), ("XJ01CAA040A001010100001", "12.80", "6", false)], ""),
            (hospital, 3, "14", "Resident on assistance, uraemia dialysis (门诊慢特病, chronic-disease filing by 2503)",
                [("SJ000000001", "450.00", "13", false), ("250101015", "25.00", "2", false)], "M07800"),
            (hospital, 3, "21", "Same resident, targeted therapy stay: critical-illness layer and medical assistance (大病保险, 医疗救助)",
                [("XL01XCA210B002010100004", "5600.00", "12", true), ("120100001", "50.00", "30", false), ("110200005", "30.00", "30", false), ("210300001", "200.00", "4", false), ("250101015", "25.00", "12", false)], ""),
            (pharmacy, 1, "41", "Employee buys chronic medicine at a pharmacy, paid from the personal account (定点药店购药)",
                [("XC09AAC082A001010100002", "0.52", "60", false), ("XA10BAA050A001010100003", "0.30", "90", false)], ""),
        };

        JsonElement outpatient = default;
        foreach (var visit in visits)
        {
            if (visit.Disease.Length > 0)
            {
                await agency.OkAsync("2503", Data(new JsonObject { ["psn_no"] = persons[visit.Person].Profile.PsnNo, ["insutype"] = "390", ["opsp_dise_code"] = visit.Disease, ["opsp_dise_name"] = "尿毒症透析", ["begndate"] = "2026-01-01" })).ConfigureAwait(false);
            }

            var person = persons[visit.Person].Profile;
            var result = await SettleAsync(visit.Terminal, person.PsnNo, ((int)person.Insutype).ToString(CultureInfo.InvariantCulture), visit.MedType, visit.Lines, visit.Disease, clock).ConfigureAwait(false);
            Print(console, visit.Title, result);
            outpatient = visit.Person == 1 && visit.MedType == "11" ? result : outpatient;
            settled++;
        }

        await CancelReverseAndRefuseAsync(hospital, persons[1].Profile.PsnNo, persons[4].Profile.PsnNo, outpatient.GetProperty("setlinfo"), clock, console).ConfigureAwait(false);
        return settled;
    }

    private static async Task<JsonElement> SettleAsync(JsonTerminal his, string psnNo, string insutype, string medType, (string Code, string Price, string Count, bool Approved)[] lines, string disease, TimeProvider clock)
    {
        var now = clock.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var inpatient = medType == "21";
        var visit = new JsonObject { ["psn_no"] = psnNo, ["insutype"] = insutype, ["begntime"] = now, ["med_type"] = medType, ["mdtrt_cert_type"] = "02", ["ipt_otp_no"] = "DEMO", ["opsp_dise_code"] = disease, ["dscg_maindiag_code"] = "I25.1" };
        var opened = inpatient
            ? await his.OkAsync("2401", new JsonObject { ["mdtrtinfo"] = visit, ["diseinfo"] = new JsonArray() }).ConfigureAwait(false)
            : await his.OkAsync("2201", Data(visit)).ConfigureAwait(false);
        var mdtrtId = (inpatient ? opened.GetProperty("result") : opened.GetProperty("data")).GetProperty("mdtrt_id").GetString()!;
        var rows = new JsonArray();
        for (var i = 0; i < lines.Length; i++)
        {
            var (code, price, count, approved) = lines[i];
            rows.Add(new JsonObject
            {
                ["feedetl_sn"] = (i + 1).ToString("D4", CultureInfo.InvariantCulture), ["mdtrt_id"] = mdtrtId, ["psn_no"] = psnNo, ["med_list_codg"] = code,
                ["pric"] = price, ["cnt"] = count, ["det_item_fee_sumamt"] = 0, ["fee_ocur_time"] = now, ["hosp_appr_flag"] = approved ? "1" : "0",
            });
        }

        await his.OkAsync(inpatient ? "2301" : "2204", new JsonObject { ["feedetail"] = rows }).ConfigureAwait(false);
        var settle = new JsonObject { ["psn_no"] = psnNo, ["mdtrt_id"] = mdtrtId, ["acct_used_flag"] = insutype == "310" ? "1" : "0", ["insutype"] = insutype, ["med_type"] = medType };
        await his.OkAsync(inpatient ? "2303" : "2206", Data(settle.DeepClone().AsObject())).ConfigureAwait(false);
        return await his.OkAsync(inpatient ? "2304" : "2207", Data(settle)).ConfigureAwait(false);
    }

    private static async Task CancelReverseAndRefuseAsync(JsonTerminal hospital, string psnNo, string uninsured, JsonElement outpatient, TimeProvider clock, IAnsiConsole console)
    {
        var cancel = await hospital.OkAsync("2208", Data(new JsonObject { ["setl_id"] = outpatient.GetProperty("setl_id").GetString(), ["mdtrt_id"] = outpatient.GetProperty("mdtrt_id").GetString(), ["psn_no"] = psnNo })).ConfigureAwait(false);
        var back = cancel.GetProperty("setlinfo");
        console.MarkupLineInterpolated($"[yellow]2208 cancel[/] of {back.GetProperty("setl_id").GetString()}: fund_pay_sumamt {back.GetProperty("fund_pay_sumamt").GetRawText()} (negative: given back), balc now {back.GetProperty("balc").GetRawText()}");
        var neverSent = string.Concat(hospital.FixmedinsCode, clock.GetLocalNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), "9999");
        var reverse = await hospital.OkAsync("2601", Data(new JsonObject { ["psn_no"] = psnNo, ["omsgid"] = neverSent, ["oinfno"] = "2207" })).ConfigureAwait(false);
        console.MarkupLineInterpolated($"[yellow]2601 reversal[/] of a 2207 that never arrived: {reverse.GetProperty("data").GetProperty("rvs_rslt").GetString()} (the late original will be refused)");
        try
        {
            await SettleAsync(hospital, uninsured, "390", "11", [("001102000010000", "10.00", "1", false)], string.Empty, clock).ConfigureAwait(false);
        }
        catch (InvalidOperationException refused)
        {
            console.MarkupLineInterpolated($"[red]infcode -1[/] {refused.Message}");
        }
    }

    private static JsonObject Data(JsonObject data) => new() { ["data"] = data };

    private static void Print(IAnsiConsole console, string title, JsonElement output)
    {
        var s = output.GetProperty("setlinfo");
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(title)}[/]").AddColumn("setlinfo field").AddColumn(new TableColumn("JSON value").RightAligned());
        foreach (var name in (ReadOnlySpan<string>)["medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay", "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "pool_prop_selfpay",
            "hifob_pay", "hifmi_pay", "maf_pay", "cvlserv_pay", "hifes_pay", "fund_pay_sumamt", "psn_part_amt", "acct_pay", "psn_cash_pay", "balc"])
        {
            table.AddRow(name, s.GetProperty(name).GetRawText());
        }

        console.Write(table);
        console.MarkupLineInterpolated($"[grey]setl_id {s.GetProperty("setl_id").GetString()}, visit {s.GetProperty("mdtrt_id").GetString()}, setl_time {s.GetProperty("setl_time").GetString()}[/]");
        console.WriteLine();
    }
}
