using Adjudication.IntegrationTests.Infrastructure;

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
    public void Dashboard_MunicipalNode_ServesNone() => Assert.Null(_network[TestNetwork.Taiyuan].DashboardUrl);

    // Kept with the test results (the TRX folder in CI), so a reader can see what the browser saw.
    private static string Artifact(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
