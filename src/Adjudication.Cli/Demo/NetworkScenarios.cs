using System.Globalization;
using Adjudication.Cli.Commands;
using Adjudication.Contracts.V1;
using Adjudication.Domain.Persons;
using Adjudication.Node.Security;
using Grpc.Core;
using Spectre.Console;
using static Adjudication.Cli.Demo.DemoTerminal;

namespace Adjudication.Cli.Demo;

/// <summary>
/// The kinds of cross-region cases the field reports describe, replayed against a <see cref="LocalNetwork"/>: each
/// prints its split and the route it took through the network.
/// </summary>
internal static class NetworkScenarios
{
    /// <summary>Runs every case; returns how many settled.</summary>
    public static async Task<int> RunAsync(LocalNetwork network, IAnsiConsole console)
    {
        var clock = TimeProvider.System;
        var recently = DateOnly.FromDateTime(clock.GetLocalNow().Date).AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var settled = 0;

        // 1. A child insured in Changzhi, referred to a Beijing children's hospital (cross-province, 异地转诊 filing).
        var child = DemoSeeder.Persons("140400")[2].Profile;
        await FileAsync(network, "M-140400", child.PsnNo, child.InsuplcAdmdvs, FilingClass.Referral, "110000", recently);
        var beijing = Terminal(network, "M-110100", "110100");
        var referral = await beijing.SettleVisitAsync(child.PsnNo, child.InsuplcAdmdvs, Insutype.ResidentBasic, MedType.Inpatient,
            [Line("331601006", 3_200m, 1), Line("120100001", 50m, 6), Line("250101015", 25m, 4), Line("XJ01CAA040A001010100001", 12.8m, 8)], useAccount: false);
        Show(console, network, "M-110100", child.InsuplcAdmdvs, $"{PersonalData.MaskName(child.Name)}, child insured in Changzhi, referred to a Beijing children's hospital (异地转诊)", referral);
        settled++;

        // 2. A patient from Heilongjiang treated in Beijing (其他临时外出 filing to the city).
        var harbin = DemoSeeder.Persons("230100")[1].Profile;
        await FileAsync(network, "M-230100", harbin.PsnNo, harbin.InsuplcAdmdvs, FilingClass.OtherTemporary, "110100", recently);
        var northeast = await beijing.SettleVisitAsync(harbin.PsnNo, harbin.InsuplcAdmdvs, Insutype.EmployeeBasic, MedType.Inpatient,
            [Line("311000005", 18_000m, 1), Line("120100001", 60m, 5), Line("250101015", 25m, 3), Line("XB01ACA056B001010100005", 3.5m, 28)], useAccount: true);
        Show(console, network, "M-110100", harbin.InsuplcAdmdvs, $"{PersonalData.MaskName(harbin.Name)}, employee from Harbin treated in Beijing (临时外出就医)", northeast);
        settled++;

        // 3. A retiree relocated from Taiyuan to Hainan (异地安置 long-term filing to the province).
        var retiree = DemoSeeder.Persons("140100")[0].Profile;
        await FileAsync(network, "M-140100", retiree.PsnNo, retiree.InsuplcAdmdvs, FilingClass.RelocatedRetiree, "460000", "2024-03-01");
        var haikou = Terminal(network, "M-460100", "460100");
        var relocated = await haikou.SettleVisitAsync(retiree.PsnNo, retiree.InsuplcAdmdvs, Insutype.EmployeeBasic, MedType.Inpatient,
            [Line("120100001", 60m, 8), Line("250101015", 25m, 4), Line("210300001", 200m, 2), Line("XB01ACA056B001010100005", 3.5m, 56)], useAccount: true);
        Show(console, network, "M-460100", retiree.InsuplcAdmdvs, $"{PersonalData.MaskName(retiree.Name)}, retiree relocated from Taiyuan to Hainan (异地安置)", relocated);
        settled++;

        // 4. Unfiled and not an emergency: refused at the counter, with what to do.
        var unfiled = DemoSeeder.Persons("230100")[3].Profile;
        try
        {
            await haikou.OpenVisitAsync(unfiled.PsnNo, unfiled.InsuplcAdmdvs, Insutype.ResidentBasic, MedType.GeneralOutpatient, [Line("001102000010000", 10m, 1)]);
            console.MarkupLine("[red]An unfiled visit was accepted; it should have been refused.[/]");
        }
        catch (RpcException refused)
        {
            console.MarkupLineInterpolated($"[bold]{PersonalData.MaskName(unfiled.Name)}, resident of Harbin, ordinary outpatient visit in Haikou without a filing[/]");
            console.MarkupLineInterpolated($"[red]Refused[/] {refused.StatusCode} {Reason(refused)}: {refused.Status.Detail}");
            console.WriteLine();
        }

        // 5. The same person in an emergency: settles without a filing (急诊).
        var emergency = await haikou.SettleVisitAsync(unfiled.PsnNo, unfiled.InsuplcAdmdvs, Insutype.ResidentBasic, MedType.Emergency,
            [Line("250101015", 25m, 2), Line("210300001", 200m, 1), Line("XJ01CAA040A001010100001", 12.8m, 3)], useAccount: false);
        Show(console, network, "M-460100", unfiled.InsuplcAdmdvs, $"{PersonalData.MaskName(unfiled.Name)}, the same resident in an emergency, no filing needed (急诊)", emergency);
        settled++;

        // 6. Within the central Shanxi city cluster: Taiyuan → Jinzhong needs no filing (integration zone).
        var zone = DemoSeeder.Persons("140100")[1].Profile;
        var jinzhong = Terminal(network, "M-140700", "140700");
        var clustered = await jinzhong.SettleVisitAsync(zone.PsnNo, zone.InsuplcAdmdvs, Insutype.EmployeeBasic, MedType.GeneralOutpatient,
            [Line("001102000010000", 10m, 1), Line("XJ01CAA040A001010100001", 12.8m, 2), Line("250101015", 25m, 1), Line("210300001", 200m, 1)], useAccount: true);
        Show(console, network, "M-140700", zone.InsuplcAdmdvs, $"{PersonalData.MaskName(zone.Name)}, insured in Taiyuan, treated in Jinzhong: same integration zone, no filing (山西中部城市群)", clustered);
        settled++;

        return settled;
    }

    private static DemoTerminal Terminal(LocalNetwork network, string nodeId, string city) =>
        new(new SettlementService.SettlementServiceClient(network.Channel(nodeId, CallerIdentity.Institution(DemoSeeder.TertiaryHospital(city), city))),
            DemoSeeder.TertiaryHospital(city), TimeProvider.System);

    private static async Task FileAsync(LocalNetwork network, string nodeId, string psnNo, string insuplc, FilingClass filingClass, string dest, string begin) =>
        await new FilingService.FilingServiceClient(network.Channel(nodeId, CallerIdentity.Agency(DemoSeeder.AgencyCode(insuplc), insuplc))).RegisterFilingAsync(new RegisterFilingRequest
        {
            Msgid = $"{DemoSeeder.AgencyCode(insuplc)}{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(10_000):D4}",
            PsnNo = psnNo,
            InsuplcAdmdvs = insuplc,
            FilingClass = filingClass,
            DestAdmdvs = dest,
            Begndate = begin,
        });

    private static void Show(IAnsiConsole console, LocalNetwork network, string treatmentNode, string insuplc, string title, SettleResponse response)
    {
        var hops = network.RouteOf(treatmentNode, insuplc);
        console.MarkupLineInterpolated($"[grey]route: hospital → {string.Join(" → ", hops.Select(h => h.Id))} and back ({hops.Count + 1} layers)[/]");
        DemoScenarios.Print(console, title, response);
    }

    private static string Reason(RpcException ex) =>
        ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? "";
}
