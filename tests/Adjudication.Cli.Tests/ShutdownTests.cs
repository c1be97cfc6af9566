using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Adjudication.Cli.Demo;
using Adjudication.Cli.Security;
using Adjudication.Cli.Tests.Infrastructure;
using Adjudication.Contracts.V1;
using Adjudication.Node.Security;
using Grpc.Core;

namespace Adjudication.Cli.Tests;

/// <summary>
/// SIGTERM stops <c>adjudication node</c> and <c>adjudication network</c> gracefully: no new calls, every call in flight
/// answered, exit code 0 (the issue saw all six calls in flight cut off with "Socket closed").
/// </summary>
public sealed partial class ShutdownTests
{
    private const string City = "140100";
    private const int HeldDownloads = 4;
    private const int Terminals = 8;

    [Fact]
    public async Task Node_SigtermUnderLoad_AnswersEveryCallInFlightAndExitsZero()
    {
        // Arrange: a seeded node; catalog downloads held open mid-stream (in flight on the node until read to the end),
        // and terminals calling 1101 back to back.
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var address = $"http://127.0.0.1:{port}";
        await using var node = CliProcess.StartCli("node", "--plaintext", "--redis", TestRedis.Configuration, "--key-prefix", TestRedis.NewPrefix(), "--port", port);
        await node.WaitForOutputAsync($"listening at {address}");
        var hospital = CallerIdentity.Institution(DemoSeeder.TertiaryHospital(City), City);
        using var downloadChannel = SecureChannel.Plaintext(address, hospital);
        using var loadChannel = SecureChannel.Plaintext(address, hospital);
        var downloads = await HoldDownloadsAsync(new CatalogService.CatalogServiceClient(downloadChannel));
        var load = new Load(new SettlementService.SettlementServiceClient(loadChannel));
        await load.StartAsync();

        // Act
        await node.TerminateAsync();
        await node.WaitForOutputAsync("Stopping: no new calls");
        var received = await ReadToEndAsync(downloads);
        var exitCode = await node.WaitForExitAsync();
        await load.StopAsync();

        // Assert: every held download complete with OK, every 1101 answered OK or refused at connect (never cut off).
        Assert.All(received, count => Assert.Equal(DemoCatalog.Build().Count, count));
        Assert.Empty(load.Failures);
        Assert.True(load.Answered > 0);
        Assert.Equal(0, exitCode);
        Assert.True(CliProcess.Holds(node.Output, "Stopped."), node.Output);
        Assert.False(CliProcess.HasStackTrace(node.Output), node.Output);
    }

    [Fact]
    public async Task Network_Sigterm_RefusesNewCallsFinishesCallsInFlightAndExitsZero()
    {
        // Arrange: the local network kept serving, its certificates in a folder this test issues itself a hospital from.
        var certs = Directory.CreateTempSubdirectory("adjudication-cli-test-certs-").FullName;
        try
        {
            await using var network = CliProcess.StartCli("network", "--serve", "--certs", certs, "--redis", TestRedis.Configuration);
            await network.WaitForOutputAsync("Serving until Ctrl+C");
            var beijing = "https://" + BeijingAddress().Match(Regex.Replace(network.Output, @"\s+", " ")).Groups[1].Value;
            using var folder = CertificateFolder.Open(certs);
            using var channel = folder.Channel(beijing, CallerIdentity.Institution(DemoSeeder.TertiaryHospital("110100"), "110100"), "M-110100");
            var downloads = await HoldDownloadsAsync(new CatalogService.CatalogServiceClient(channel));

            // Act
            await network.TerminateAsync();
            await network.WaitForOutputAsync("Stopping: calls from outside the network are refused now");
            var refused = await Assert.ThrowsAsync<RpcException>(() => new CatalogService.CatalogServiceClient(channel)
                .LookupItemsAsync(new LookupItemsRequest { MedListCodg = { "250101015" } }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
            var received = await ReadToEndAsync(downloads);

            // Assert
            Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
            Assert.Equal("NODE_STOPPING", refused.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason);
            Assert.All(received, count => Assert.Equal(DemoCatalog.Build().Count, count));
            Assert.Equal(0, await network.WaitForExitAsync());
            Assert.True(CliProcess.Holds(network.Output, "Stopped."), network.Output);
            Assert.False(CliProcess.HasStackTrace(network.Output), network.Output);
        }
        finally
        {
            Directory.Delete(certs, recursive: true);
        }
    }

    // Downloads of the catalog in force, each with its first entry read: accepted by the node, not finished.
    private static async Task<List<AsyncServerStreamingCall<CatalogEntry>>> HoldDownloadsAsync(CatalogService.CatalogServiceClient catalog)
    {
        var calls = new List<AsyncServerStreamingCall<CatalogEntry>>();
        for (var i = 0; i < HeldDownloads; i++)
        {
            var call = catalog.DownloadCatalog(new DownloadCatalogRequest(), deadline: DateTime.UtcNow.Add(CliProcess.Patience));
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            calls.Add(call);
        }

        return calls;
    }

    // Reads every held download to its end (which throws unless it ends with OK); the entries each delivered.
    private static async Task<List<int>> ReadToEndAsync(List<AsyncServerStreamingCall<CatalogEntry>> calls)
    {
        var counts = new List<int>();
        foreach (var call in calls)
        {
            using (call)
            {
                var count = 1;
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    count++;
                }

                Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
                counts.Add(count);
            }
        }

        return counts;
    }

    [GeneratedRegex(@"(127\.0\.0\.1:\d+) adjudication\.v1\.SettlementService/GetPerson")]
    private static partial Regex BeijingAddress();

    // Terminals calling 1101 back to back until the node no longer accepts connections.
    private sealed class Load(SettlementService.SettlementServiceClient client)
    {
        private readonly TaskCompletionSource _warm = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<Task> _terminals = [];
        private int _answered;

        public ConcurrentQueue<RpcException> Failures { get; } = new();

        public int Answered => Volatile.Read(ref _answered);

        // Starts the terminals and returns once each has had answers, so calls are in flight when the signal comes.
        public async Task StartAsync()
        {
            for (var i = 0; i < Terminals; i++)
            {
                _terminals.Add(Task.Run(RunAsync));
            }

            await _warm.Task.WaitAsync(CliProcess.Patience);
        }

        // The node is gone once it has exited, so every terminal ends with a refused connection.
        public Task StopAsync() => Task.WhenAll(_terminals).WaitAsync(CliProcess.Patience);

        private async Task RunAsync()
        {
            var person = DemoSeeder.Persons(City)[0];
            var request = new GetPersonRequest { FixmedinsCode = DemoSeeder.TertiaryHospital(City), MdtrtCertType = MdtrtCertType.IdCard, MdtrtCertNo = person.Profile.CertNo, InsuplcAdmdvs = City };
            while (true)
            {
                try
                {
                    await client.GetPersonAsync(request, deadline: DateTime.UtcNow.AddSeconds(20));
                    if (Interlocked.Increment(ref _answered) >= Terminals * 3)
                    {
                        _warm.TrySetResult();
                    }
                }
                catch (RpcException ex)
                {
                    if (!Calls.WasRefusedAtConnect(ex))
                    {
                        Failures.Enqueue(ex);
                    }

                    _warm.TrySetResult();
                    return;
                }
            }
        }
    }
}
