using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;

namespace Adjudication.IntegrationTests;

/// <summary>
/// The network dashboard (issue 16) in a real headless browser: served by the national node for the whole network and
/// by a provincial node for its cities, on a loopback listener of its own. Each test starts its own network (one stops a
/// node). Screenshots are kept beside the test assembly, under artifacts/.
/// </summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync(dashboards: true);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task Dashboard_NationalNodeInBrowser_EveryNodeUp()
    {
        var page = _network[TestNetwork.National].DashboardUrl!;

        var dom = await HeadlessBrowser.DumpDomAsync(page);
        await HeadlessBrowser.ScreenshotAsync(page, Artifact("dashboard-national.png"));

        Assert.Contains("Nodes: 6 up, 0 down", dom, StringComparison.Ordinal);
        foreach (var id in (string[])[TestNetwork.National, TestNetwork.Shanxi, TestNetwork.Beijing, TestNetwork.Taiyuan, TestNetwork.Jinzhong, TestNetwork.BeijingCity])
        {
            Assert.Contains($"<tr data-node=\"{id}\">", dom, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dashboard_CityStopped_ProvinceShowsItDown()
    {
        await _network[TestNetwork.Jinzhong].StopAsync();
        var page = _network[TestNetwork.Shanxi].DashboardUrl!;

        var dom = await HeadlessBrowser.DumpDomAsync(page);

        Assert.Contains("Nodes: 2 up, 1 down", dom, StringComparison.Ordinal);
        Assert.Contains($"<tr data-node=\"{TestNetwork.Jinzhong}\">", dom, StringComparison.Ordinal);
        Assert.Matches($"<tr data-node=\"{TestNetwork.Jinzhong}\">.*?<td class=\"down\">down</td>", dom);
        Assert.DoesNotContain($"<tr data-node=\"{TestNetwork.BeijingCity}\">", dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ShanxiPastNinetyPercent_MatrixCellAndRedProvinceInBrowser()
    {
        // Arrange: a Jinzhong child referred to Beijing; Shanxi deposits 100.00 yuan, far under what one stay advances.
        var traffic = new ClearingTraffic(_network);
        var child = await _network[TestNetwork.Jinzhong].AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentMinor);
        await _network.FileAsync(child, FilingClass.Referral, "110000", "2026-06-01");
        var shanxi = traffic.Prepayment(TerminalInvoker.AgencyOf("140000"));
        await shanxi.DepositPrepaymentAsync(new DepositPrepaymentRequest { Msgid = "A14000000001" + "20260101000000" + "0001", InsuplcAdmdvs = "140000", Amount = 10_000 });

        // Act: one stay settled in Beijing and carried up to the national node, then the page loaded in the browser.
        var (settled, _) = await traffic.SettleAsync(TestNetwork.BeijingCity, TestNetwork.BeijingHospital, child, 4000.00m, MedType.Inpatient);
        await traffic.DrainAsync();
        var page = _network[TestNetwork.National].DashboardUrl!;
        var dom = await HeadlessBrowser.DumpDomAsync(page);
        await HeadlessBrowser.ScreenshotAsync(page, Artifact("dashboard-national-red.png"));

        // Assert: the cell (insured Shanxi, treated in Beijing) holds what the stay advanced, and Shanxi is red at
        // advanced ÷ 100.00 yuan; Beijing, with no prepayment and nothing outstanding, is not.
        var advanced = settled.Split.FundPaySumamt + settled.Split.AcctPay;
        var usage = advanced * 10_000 / 10_000;
        Assert.True(advanced > 9_000, $"the stay advances {advanced} fen");
        Assert.Contains($"<td class=\"num\" data-insured=\"140000\" data-treatment=\"110000\">{advanced / 100}.{advanced % 100:D2} (1)</td>", dom, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\" data-insured=\"110000\" data-treatment=\"140000\">0.00 (0)</td>", dom, StringComparison.Ordinal);
        Assert.Matches($"<tr data-province=\"140000\" class=\"red\">.*?<td class=\"num\">100.00</td><td class=\"num\">{advanced / 100}.{advanced % 100:D2}</td><td class=\"num\">{usage / 100}.{usage % 100:D2}%</td><td>red</td>", dom);
        Assert.Contains("<tr data-province=\"110000\" class=\"green\">", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboard_MunicipalNode_ServesNone() => Assert.Null(_network[TestNetwork.Taiyuan].DashboardUrl);

    // Kept with the test results (the TRX folder in CI), so a reader can see what the browser saw.
    private static string Artifact(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
