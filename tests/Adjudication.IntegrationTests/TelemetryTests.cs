using System.Diagnostics;
using System.Globalization;
using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;
using static Adjudication.IntegrationTests.Infrastructure.World;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;

namespace Adjudication.IntegrationTests;

/// <summary>
/// Telemetry as an operator reads it (DESIGN.md §9): one trace follows a settlement across every node of its route,
/// and each node's Prometheus endpoint counts its own calls and relay hops, whatever else runs in the process.
/// </summary>
[Collection(ProcessWideMetrics.Name)]
public sealed class TelemetryTests : IAsyncLifetime
{
    private static readonly ActivitySource Terminal = new("Adjudication.IntegrationTests.Terminal");
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync(metrics: true);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task Settle_CrossProvince_OneTraceWithASpanAtEveryNodeOfTheRouteInHopOrder()
    {
        // Arrange: a Jinzhong child referred to Beijing; the terminal's own span is the trace's root.
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(Terminal.Name, NodeTelemetry.Name).AddInMemoryExporter(spans).Build();
        var person = await _network[Jinzhong].AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentMinor);
        await _network.FileAsync(person, FilingClass.Referral, "110000", "2026-06-01");
        var visit = await _network[BeijingCity].OpenVisitAsync(person, MedType.Inpatient, [Line("1", ClassA, 3000.00m, 1m)], BeijingHospital);

        // Act
        ActivityTraceId traceId;
        using (var terminal = Terminal.StartActivity("2207 at the counter", ActivityKind.Client))
        {
            traceId = terminal!.TraceId;
            await _network[BeijingCity].Settlement.SettleAsync(_network[BeijingCity].NewSettle(person, visit, hospital: BeijingHospital));
        }

        tracing.ForceFlush();

        // Assert: M_T → P_T → N → P_I → M_I, each span the child of the one before, all of one trace, outcome OK.
        var trace = spans.Where(s => s.TraceId == traceId && s.Source.Name == NodeTelemetry.Name).ToList();
        string[] route = [BeijingCity, Beijing, National, Shanxi, Jinzhong];
        var chain = route.Select(node => trace.Single(s => (string?)s.GetTagItem(NodeTelemetry.NodeAttribute) == node
            && s.DisplayName == (node == BeijingCity ? "adjudication.v1.SettlementService/Settle" : "adjudication.v1.NetworkService/Adjudicate"))).ToList();
        // The first node's parent is the terminal's HTTP request span (its client's own; this test records only the
        // terminal's call span), so it is not the terminal span itself, but of its trace.
        Assert.NotEqual(default, chain[0].ParentSpanId);
        for (var hop = 1; hop < chain.Count; hop++)
        {
            Assert.Equal(chain[hop - 1].SpanId, chain[hop].ParentSpanId);
        }

        Assert.All(chain, s => Assert.Equal(("OK", "2207", ActivityStatusCode.Ok), ((string?)s.GetTagItem(NodeTelemetry.OutcomeAttribute), (string?)s.GetTagItem("adjudication.infno"), s.Status)));
        Assert.Equal(["110100", "110000", "000000", "140000", "140700"], chain.Select(s => (string?)s.GetTagItem("adjudication.admdvs")));
        Assert.Equal([Beijing, National, Shanxi, Jinzhong, null], chain.Select(s => (string?)s.GetTagItem("adjudication.next_hop")));
        // No personal data in any attribute (DESIGN.md §8): not the person number, not the name.
        Assert.DoesNotContain(trace.SelectMany(s => s.TagObjects), t => t.Value?.ToString() is { } v && (v.Contains(person.PsnNo, StringComparison.Ordinal) || v.Contains(person.Name, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Metrics_AfterSettles_EachNodeScrapesItsOwnSettleCountAndTheRelayItsHops()
    {
        // Arrange: three Jinzhong persons settle at home; a Taiyuan person settles in Jinzhong (same integration zone),
        // relayed Jinzhong → Shanxi → Taiyuan; one settle of an unknown visit is refused.
        var jinzhong = _network[Jinzhong];
        for (var i = 0; i < 3; i++)
        {
            var local = await jinzhong.AddPersonAsync();
            var visit = await jinzhong.OpenVisitAsync(local, MedType.GeneralOutpatient, [Line("1", ClassA, 100.00m, 1m)], JinzhongHospital);
            await jinzhong.Settlement.SettleAsync(jinzhong.NewSettle(local, visit, hospital: JinzhongHospital));
        }

        var visitor = await _network[Taiyuan].AddPersonAsync();
        var away = await jinzhong.OpenVisitAsync(visitor, MedType.GeneralOutpatient, [Line("1", ClassA, 100.00m, 1m)], JinzhongHospital);
        using var http = new HttpClient();
        var relayBefore = await http.GetStringAsync(_network[Shanxi].MetricsUrl);
        var jinzhongBefore = await http.GetStringAsync(jinzhong.MetricsUrl);

        // Act: the relayed settle, then a refused one.
        await jinzhong.Settlement.SettleAsync(jinzhong.NewSettle(visitor, away, hospital: JinzhongHospital));
        await RpcAssert.FailsAsync(() => jinzhong.Settlement.SettleAsync(jinzhong.NewSettle(visitor, "NO-SUCH-VISIT", hospital: JinzhongHospital)).ResponseAsync);
        var atJinzhong = await http.GetStringAsync(jinzhong.MetricsUrl);
        var atShanxi = await http.GetStringAsync(_network[Shanxi].MetricsUrl);
        var atBeijing = await http.GetStringAsync(_network[BeijingCity].MetricsUrl);

        // Assert: six nodes share the process and so each exporter, and each node's series carry its name; the relayed
        // settle is one call answered at Shanxi, one hop Jinzhong → Shanxi and one hop Shanxi → Taiyuan.
        const string AtJinzhong = "adjudication_node=\"M-140700\"";
        const string AtShanxi = "adjudication_node=\"P-140000\"";
        const string Settle = "rpc_method=\"/adjudication.v1.SettlementService/Settle\"";
        const string Adjudicate = "rpc_method=\"/adjudication.v1.NetworkService/Adjudicate\"";
        const string Calls = "adjudication_rpc_server_duration_seconds_count";
        const string Hops = "adjudication_relay_hop_duration_seconds_count";
        Assert.Equal(4, Sample(atJinzhong, Calls, AtJinzhong, Settle, "rpc_grpc_status_code=\"0\""));
        Assert.Equal(1, Sample(atJinzhong, Calls, AtJinzhong, Settle, "adjudication_reason=\"VISIT_NOT_FOUND\""));
        Assert.Equal(1, Sample(atShanxi, Calls, AtShanxi, Adjudicate, "rpc_grpc_status_code=\"0\"") - Sample(relayBefore, Calls, AtShanxi, Adjudicate, "rpc_grpc_status_code=\"0\""));
        Assert.Equal(1, Sample(atShanxi, Hops, AtShanxi, "adjudication_peer=\"M-140100\"", "rpc_method=\"Adjudicate\"", "adjudication_outcome=\"OK\"")
            - Sample(relayBefore, Hops, AtShanxi, "adjudication_peer=\"M-140100\"", "rpc_method=\"Adjudicate\"", "adjudication_outcome=\"OK\""));
        Assert.Equal(1, Sample(atJinzhong, Hops, AtJinzhong, "adjudication_peer=\"P-140000\"", "rpc_method=\"Adjudicate\"", "adjudication_outcome=\"OK\"")
            - Sample(jinzhongBefore, Hops, AtJinzhong, "adjudication_peer=\"P-140000\"", "rpc_method=\"Adjudicate\"", "adjudication_outcome=\"OK\""));
        Assert.Equal(0, Sample(atBeijing, Calls, "adjudication_node=\"M-110100\"", Settle));

        // The near caches and the store's commits (one meter for the process, summed over its nodes): a person read
        // again after registration is a hit, a visit's first read a miss; every settle above committed once.
        Assert.True(Sample(atJinzhong, "adjudication_cache_lookups_total", "adjudication_cache=\"person\"", "adjudication_result=\"hit\"") > 0, atJinzhong);
        Assert.True(Sample(atJinzhong, "adjudication_cache_lookups_total", "adjudication_cache=\"visit\"", "adjudication_result=\"miss\"") > 0, atJinzhong);
        Assert.True(Sample(atJinzhong, "adjudication_store_commit_duration_seconds_count", "adjudication_outcome=\"ok\"") >= 5, atJinzhong);
    }

    // The value of the one sample of <paramref name="metric"/> whose labels include every one of <paramref name="labels"/>;
    // 0 when there is none (a series never recorded is not exported).
    private static double Sample(string scrape, string metric, params string[] labels)
    {
        var values = scrape.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            .Select(line => double.Parse(line[(line.IndexOf('}', StringComparison.Ordinal) + 2)..].Split(' ')[0], CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(values.Count <= 1, $"{values.Count} samples of {metric} match {string.Join(", ", labels)}:\n{scrape}");
        return values.SingleOrDefault();
    }
}
