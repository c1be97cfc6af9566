using System.Globalization;
using Adjudication.Cli.Demo;
using Adjudication.Cli.Tests.Infrastructure;
using Adjudication.Contracts.V1;
using Adjudication.Node.Security;
using Grpc.Core;
using Xunit.Abstractions;

namespace Adjudication.Cli.Tests;

/// <summary>
/// The node process's memory stays bounded (issue 12 item 4): a burst of oversized calls is refused from the frame
/// header without buffering the bodies, and catalog versions no longer in force leave memory. Measured on the node
/// process itself (VmRSS of <c>adjudication node</c> run as a child process), not on a node inside the test runner.
/// </summary>
public sealed class MemoryBudgetTests(ITestOutputHelper output)
{
    // Measured on 2 cores (VmRSS of `adjudication node --plaintext`): about 95 MB after start. Before the per-method
    // limits and the catalog look-back, eight refused 28 MB uploads took it to about 700 MB and five catalogs of 200,000
    // entries to 1.5-1.9 GB; now about 100 MB after the burst and about 375 MB after the catalogs (one version of 200,000
    // entries kept in memory, the runtime's and Kestrel's pools warmed by the 7 MB messages). 480 MB leaves a quarter
    // of headroom over that and still fails clearly if either regression comes back.
    private const long BudgetBytes = 480L * 1024 * 1024;
    private const string City = "140100";
    private const int OversizedCalls = 8;
    private const int CatalogVersions = 5;
    private const int CatalogEntries = 200_000;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Node_OversizedBurstAndFiveLargeCatalogs_WorkingSetStaysUnderBudget()
    {
        // Arrange
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var address = $"http://127.0.0.1:{port}";
        await using var node = CliProcess.StartCli("node", "--plaintext", "--redis", TestRedis.Configuration, "--key-prefix", TestRedis.NewPrefix(), "--port", port);
        await node.WaitForOutputAsync($"listening at {address}");
        using var hospitalChannel = SecureChannel.Plaintext(address, CallerIdentity.Institution(DemoSeeder.TertiaryHospital(City), City));
        using var agencyChannel = SecureChannel.Plaintext(address, CallerIdentity.Agency("A14000000000", "140000"));
        using var operatorChannel = SecureChannel.Plaintext(address, CallerIdentity.Operator("memory-test"));
        var settlement = new SettlementService.SettlementServiceClient(hospitalChannel);
        var catalog = new CatalogService.CatalogServiceClient(agencyChannel);
        var diagnostics = new DiagnosticsService.DiagnosticsServiceClient(operatorChannel);
        await diagnostics.ReadCountersAsync(new ReadCountersRequest());
        var started = WorkingSet(node.Id);

        // Act 1: eight concurrent uploads of about 28 MB each.
        var upload = OversizedUpload();
        var burst = await Task.WhenAll(Enumerable.Range(0, OversizedCalls).Select(async _ =>
        {
            try
            {
                await settlement.UploadFeesAsync(upload, deadline: DateTime.UtcNow.AddSeconds(30));
                return (StatusCode.OK, "");
            }
            catch (RpcException ex)
            {
                return (ex.StatusCode, ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? "");
            }
        }));
        var afterBurst = await SettledWorkingSetAsync(node.Id, diagnostics);

        // Act 2: five versions of 200,000 entries effective 2015-2019: only 2019.01 is in force on a day of the look-back
        // (last year and this one; the demo's 2026.01 from 1 January), the others leave memory.
        for (var v = 0; v < CatalogVersions; v++)
        {
            await catalog.PublishCatalogAsync(LargeCatalog(v), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60)));
        }

        var afterCatalogs = await SettledWorkingSetAsync(node.Id, diagnostics);
        var inForce = await catalog.LookupItemsAsync(new LookupItemsRequest { MedListCodg = { Code(0) }, Date = "2025-06-01" });
        var unloaded = await Assert.ThrowsAsync<RpcException>(() => catalog.LookupItemsAsync(new LookupItemsRequest { MedListCodg = { Code(0) }, Date = "2016-06-01" }).ResponseAsync);
        output.WriteLine($"VmRSS: started {Mb(started)}, after the burst {Mb(afterBurst)}, after {CatalogVersions} catalogs {Mb(afterCatalogs)}");

        // Assert
        Assert.True(afterBurst < BudgetBytes, $"After {OversizedCalls} refused uploads the node holds {Mb(afterBurst)} (started at {Mb(started)}); budget {Mb(BudgetBytes)}.");
        Assert.True(afterCatalogs < BudgetBytes, $"After {CatalogVersions} catalogs of {CatalogEntries:N0} entries the node holds {Mb(afterCatalogs)} (started at {Mb(started)}); budget {Mb(BudgetBytes)}.");
        Assert.All(burst, answer => Assert.Equal((StatusCode.ResourceExhausted, "MESSAGE_TOO_LARGE"), answer));
        Assert.Equal(Version(CatalogVersions - 1), inForce.CatalogVersion);
        Assert.Equal((StatusCode.NotFound, "CATALOG_NOT_FOUND"), (unloaded.StatusCode, unloaded.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason));
    }

    [Fact]
    public void UploadFees_ThousandLinesAtTheLongestAcceptedFields_FarBelowTheSettlementMessageLimit()
    {
        // Every string at the longest the node accepts (64 characters), every number at its widest encoding.
        var longest = new string('9', 64);
        var request = new UploadFeesRequest { Msgid = longest, FixmedinsCode = longest, PsnNo = longest, InsuplcAdmdvs = longest, MdtrtId = longest };
        for (var i = 0; i < 1_000; i++)
        {
            request.FeeLines.Add(new FeeLine { FeedetlSn = longest, MedListCodg = longest, Pric = long.MaxValue, Cnt = long.MaxValue, DetItemFeeSumamt = long.MaxValue, FeeOcurTime = longest, HospApprFlag = true });
        }

        var size = request.CalculateSize();
        output.WriteLine($"A 1,000-line upload at the longest accepted fields: {size:N0} bytes.");
        Assert.InRange(size, 1, Adjudication.Node.Hosting.NodeHost.MaxMessageBytes / 10);
    }

    // The working set once the node has had the chance to collect: polled (each poll a small call to the node, which
    // allocates and so lets a pending collection run) until it is under budget or the deadline passes.
    private static async Task<long> SettledWorkingSetAsync(int pid, DiagnosticsService.DiagnosticsServiceClient diagnostics)
    {
        var deadline = DateTime.UtcNow + Settle;
        var rss = WorkingSet(pid);
        while (rss >= BudgetBytes && DateTime.UtcNow < deadline)
        {
            await diagnostics.ReadCountersAsync(new ReadCountersRequest());
            await Task.Yield();
            rss = WorkingSet(pid);
        }

        return rss;
    }

    private static long WorkingSet(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS line.");
    }

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):F0} MB";

    private static UploadFeesRequest OversizedUpload()
    {
        // 28,000 lines with 1,000-character serial numbers: about 28 MB.
        var request = new UploadFeesRequest
        {
            Msgid = $"{DemoSeeder.TertiaryHospital(City)}202606151000000001",
            FixmedinsCode = DemoSeeder.TertiaryHospital(City),
            PsnNo = "P14010000000000001",
            InsuplcAdmdvs = City,
            MdtrtId = "M1",
        };
        for (var i = 0; i < 28_000; i++)
        {
            request.FeeLines.Add(new FeeLine { FeedetlSn = i.ToString("D1000", CultureInfo.InvariantCulture), MedListCodg = "250101015", Pric = 1_000_000, Cnt = 1_000_000 });
        }

        Assert.InRange(request.CalculateSize(), 28_000_000, 30_000_000);
        return request;
    }

    private static PublishCatalogRequest LargeCatalog(int v)
    {
        var request = new PublishCatalogRequest
        {
            Msgid = $"A14000000000{2026_06_15_10_00_00L + v}0000",
            CatalogVersion = Version(v),
            EffectiveDate = $"{2015 + v}-01-01",
        };
        for (var i = 0; i < CatalogEntries; i++)
        {
            request.Entries.Add(new CatalogEntry { MedListCodg = Code(i), Name = $"Item {i} v{v}", ItemClass = ItemClass.A, PriceCap = 1_000_000 + v });
        }

        return request;
    }

    private static string Version(int v) => $"{2015 + v}.01";

    private static string Code(int i) => $"M{i:D9}";
}
