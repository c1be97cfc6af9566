using Adjudication.Contracts.V1;
using Adjudication.Domain.Persons;
using Adjudication.Node.Security;
using Grpc.Core;
using Grpc.Net.Client;
using Spectre.Console;
using static Adjudication.Cli.Demo.DemoTerminal;

namespace Adjudication.Cli.Demo;

/// <summary>Settles a handful of realistic visits against a seeded node and prints each split.</summary>
public static class DemoScenarios
{
    /// <summary>Runs every scenario; returns how many settled.</summary>
    /// <remarks>
    /// <paramref name="channelAs"/> gives a channel presenting a caller's certificate: the hospital's terminal, the
    /// pharmacy's and the agency's each call under their own identity (DESIGN.md §8).
    /// </remarks>
    public static async Task<int> RunAsync(Func<CallerIdentity, GrpcChannel> channelAs, string city, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(channelAs);
        var settlement = new SettlementService.SettlementServiceClient(channelAs(CallerIdentity.Institution(DemoSeeder.TertiaryHospital(city), city)));
        var filings = new FilingService.FilingServiceClient(channelAs(CallerIdentity.Agency(DemoSeeder.AgencyCode(city), city)));
        var clock = TimeProvider.System;
        var hospital = new DemoTerminal(settlement, DemoSeeder.TertiaryHospital(city), clock);
        var pharmacy = new DemoTerminal(new SettlementService.SettlementServiceClient(channelAs(CallerIdentity.Institution(DemoSeeder.Pharmacy(city), city))), DemoSeeder.Pharmacy(city), clock);
        var persons = DemoSeeder.Persons(city);
        string Psn(int i) => persons[i].Profile.PsnNo;
        var settled = 0;

        var who = await settlement.GetPersonAsync(new GetPersonRequest { FixmedinsCode = hospital.FixmedinsCode, MdtrtCertType = MdtrtCertType.IdCard, MdtrtCertNo = persons[0].Profile.CertNo, InsuplcAdmdvs = city });
        console.MarkupLineInterpolated($"[grey]1101 person lookup by ID card {PersonalData.MaskIdNumber(persons[0].Profile.CertNo)} →[/] {PersonalData.MaskName(who.PsnName)} ({who.PsnNo}), insutype {(int)who.Insutype}, account balance {Yuan(who.Balc)}");

        var stent = await hospital.SettleVisitAsync(Psn(0), city, Insutype.EmployeeBasic, MedType.Inpatient,
        [
            Line("311000005", 18_000m, 1), Line("C0331000001", 900m, 1), Line("120100001", 60m, 7), Line("110200005", 30m, 7),
            Line("250101015", 25m, 3), Line("XB01ACA056B001010100005", 3.5m, 28), Line("XN02BEA000C001010100006", 188m, 2),
        ], useAccount: true);
        Print(console, "Retired employee, coronary stent, tertiary hospital inpatient (住院, 职工退休)", stent);
        settled++;

        var outpatient = await hospital.SettleVisitAsync(Psn(1), city, Insutype.EmployeeBasic, MedType.GeneralOutpatient,
            [Line("001102000010000", 10m, 1), Line("XJ01CAA040A001010100001", 12.8m, 2), Line("250101015", 25m, 1), Line("210300001", 260m, 1)], useAccount: true);
        Print(console, "Employee outpatient with CT over its price cap (普通门诊, 职工在职)", outpatient);
        settled++;

        var child = await hospital.SettleVisitAsync(Psn(2), city, Insutype.ResidentBasic, MedType.Inpatient,
            [Line("331601006", 3_200m, 1), Line("120100001", 50m, 5), Line("250101015", 25m, 4), Line("XJ01CAA040A001010100001", 12.8m, 6)], useAccount: false);
        Print(console, "Child resident, laparoscopic surgery (住院, 城乡居民 未成年)", child);
        settled++;

        await filings.RegisterFilingAsync(new RegisterFilingRequest
        {
            Msgid = $"A{city}00000{DateTime.UtcNow:yyyyMMddHHmmss}0002",
            PsnNo = Psn(3),
            InsuplcAdmdvs = city,
            FilingClass = FilingClass.ChronicDisease,
            Begndate = "2026-01-01",
            ChronicDiseCodg = "M07800",
        });
        var dialysis = await hospital.SettleVisitAsync(Psn(3), city, Insutype.ResidentBasic, MedType.ChronicSpecialOutpatient,
            [Line("SJ000000001", 450m, 13), Line("250101015", 25m, 2)], useAccount: false, chronicDisease: "M07800");
        Print(console, "Resident on assistance, uraemia dialysis (门诊慢特病, chronic-disease filing)", dialysis);
        settled++;

        var cancer = await hospital.SettleVisitAsync(Psn(3), city, Insutype.ResidentBasic, MedType.Inpatient,
        [
            Line("XL01XCA210B002010100004", 5_600m, 12, approved: true), Line("120100001", 50m, 30), Line("110200005", 30m, 30),
            Line("210300001", 200m, 4), Line("250101015", 25m, 12),
        ], useAccount: false);
        Print(console, "Same resident, targeted therapy stay: critical-illness layer and medical assistance (大病保险, 医疗救助)", cancer);
        settled++;

        var purchase = await pharmacy.SettleVisitAsync(Psn(1), city, Insutype.EmployeeBasic, MedType.Pharmacy,
            [Line("XC09AAC082A001010100002", 0.52m, 60), Line("XA10BAA050A001010100003", 0.3m, 90)], useAccount: true);
        Print(console, "Employee buys chronic medicine at a pharmacy, paid from the personal account (定点药店购药)", purchase);
        settled++;

        var cancel = await settlement.CancelSettlementAsync(new CancelSettlementRequest
        {
            Msgid = hospital.NextMsgid(), FixmedinsCode = hospital.FixmedinsCode, PsnNo = Psn(1), InsuplcAdmdvs = city, MdtrtId = outpatient.MdtrtId, SetlId = outpatient.SetlId,
        });
        console.MarkupLineInterpolated($"[yellow]2208 cancel[/] of {cancel.SetlId}: {Yuan(cancel.Restored.FundPaySumamt)} back to the funds, account balance now {Yuan(cancel.Balc)}");

        var reverse = await settlement.ReverseAsync(new ReverseRequest
        {
            Msgid = hospital.NextMsgid(), FixmedinsCode = hospital.FixmedinsCode, PsnNo = Psn(1), InsuplcAdmdvs = city, Omsgid = hospital.NextMsgid(), Oinfno = "2207",
        });
        console.MarkupLineInterpolated($"[yellow]2601 reversal[/] of a settle that never arrived: {reverse.Outcome} (the late original will be refused)");

        try
        {
            await hospital.SettleVisitAsync(Psn(4), city, Insutype.ResidentBasic, MedType.GeneralOutpatient, [Line("001102000010000", 10m, 1)], useAccount: false);
        }
        catch (RpcException refused)
        {
            console.MarkupLineInterpolated($"[red]Refused[/] {refused.StatusCode}: {refused.Status.Detail}");
        }

        return settled;
    }

    /// <summary>Prints a settlement as a table of the split, field by field.</summary>
    public static void Print(IAnsiConsole console, string title, SettleResponse r)
    {
        var s = r.Split;
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(title)}[/]").AddColumn("field").AddColumn(new TableColumn("yuan").RightAligned()).AddColumn("meaning");
        void Row(string field, long fen, string meaning) => table.AddRow(field, Yuan(fen), meaning);
        Row("medfee_sumamt", s.MedfeeSumamt, "医疗费总额 total bill");
        Row("fulamt_ownpay_amt", s.FulamtOwnpayAmt, "全自费 class C / unknown / unapproved");
        Row("overlmt_selfpay", s.OverlmtSelfpay, "超限价自费 above price caps");
        Row("preselfpay_amt", s.PreselfpayAmt, "先行自付 class B share");
        Row("inscp_scp_amt", s.InscpScpAmt, "符合范围 in scope");
        Row("act_pay_dedc", s.ActPayDedc, "起付线 deductible");
        Row("hifp_pay", s.HifpPay, $"统筹基金 basic fund at {s.HifpRatioBp / 100m:0.##}%");
        Row("hifob_pay", s.HifobPay, "大额 large-amount (employees)");
        Row("hifmi_pay", s.HifmiPay, "大病 critical illness (residents)");
        Row("maf_pay", s.MafPay, "医疗救助 medical assistance");
        Row("fund_pay_sumamt", s.FundPaySumamt, "基金支付合计 funds pay");
        Row("acct_pay", s.AcctPay, "个人账户 personal account");
        Row("psn_cash_pay", s.PsnCashPay, "现金 paid at the counter");
        console.Write(table);
        console.MarkupLineInterpolated($"[grey]setl_id {r.SetlId}, visit {r.MdtrtId}, balance after {Yuan(s.Balc)}[/]");
        console.WriteLine();
    }

    /// <summary>Fen as yuan, e.g. 1,234.50.</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture);
}
