using System.Diagnostics;
using System.Globalization;
using Adjudication.Cli.Demo;
using Adjudication.Cli.Tests.Infrastructure;
using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Security;
using Adjudication.Storage;
using Adjudication.Storage.Clearing;
using Grpc.Core;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Adjudication.Cli.Tests;

/// <summary>
/// The clearing feed stays exact across crashes (DESIGN.md §6, §11; issue 16): a Beijing hospital settles, cancels and
/// reverses emergency visits of persons insured in Taiyuan, each crossing six layers, while the relay province of
/// Beijing and then Redis (AOF, fsync always) are killed with SIGKILL and started again. Five node processes run the
/// network; each has its own key prefix on the one Redis. Afterwards the aggregates of the treatment city, its province
/// and the national node equal, to the fen, Taiyuan's person-side settlement records, no row is counted twice, and every
/// outbox is empty.
/// </summary>
public sealed class ClearingCrashTests(ITestOutputHelper output)
{
    private const string InsuredCity = "140100";
    private const string TreatmentCity = "110100";
    private const string RelayProvince = "P-110000";
    private const int Terminals = 8;

    // Settlements answered between one phase and the next: load before, between and after the two kills.
    private const int SettledPerPhase = 12;

    private static readonly TimeSpan PhaseDeadline = TimeSpan.FromSeconds(60);

    // Cities first, then provinces, then the national node: each tier hands its rows to the next.
    private static readonly string[][] Tiers = [["M-140100", "M-110100"], ["P-140000", RelayProvince], ["N"]];

    [Fact]
    public async Task CrossProvinceSettlesUnderLoad_RelayProvinceThenRedisKilled_AggregatesEqualInsuredRecordsOnce()
    {
        // Arrange: a private redis-server and the five nodes of the route hospital → 110100 → 110000 → 000000 → 140000 →
        // 140100 as processes in development mode; eight terminals of Beijing's tertiary hospital.
        var executable = RedisServerProcess.FindExecutable();
        Assert.True(executable is not null, "redis-server is not on PATH: this test kills a real redis-server with SIGKILL and restarts it from its AOF (install redis-server; CI has it).");
        var clock = Stopwatch.StartNew();
        var firstMonth = ChinaMonth();
        await using var redis = await RedisServerProcess.StartAsync(executable);
        await using var network = await CrashNetwork.StartAsync(redis.Configuration);
        var hospital = DemoSeeder.TertiaryHospital(TreatmentCity);
        using var hospitalChannel = SecureChannel.Plaintext(network.Address("M-110100"), CallerIdentity.Institution(hospital, TreatmentCity));
        var load = new TerminalLoad(new SettlementService.SettlementServiceClient(hospitalChannel), hospital, TerminalLoad.DemoPatients(InsuredCity), MedType.Emergency, PhaseDeadline);
        load.Start(Terminals);

        // Act 1: the relay province dies mid-load (calls in flight through it end OUTCOME_UNKNOWN or UNAVAILABLE, rows
        // on their way up stay in the city's outbox) and starts again on its store.
        await load.WaitForSettledAsync(SettledPerPhase);
        var retriesBefore = load.Retries;
        await network.KillAsync(RelayProvince);
        await load.WaitForRetriesAsync(retriesBefore + Terminals);
        await network.RestartAsync(RelayProvince);
        await load.WaitForSettledAsync(load.Settled + SettledPerPhase);

        // Act 2: Redis dies under all five nodes and comes back on its port from its AOF.
        retriesBefore = load.Retries;
        await redis.KillAsync();
        await load.WaitForRetriesAsync(retriesBefore + Terminals);
        await redis.RestartAsync();
        await load.WaitForSettledAsync(load.Settled + SettledPerPhase);
        await load.StopAsync();

        // Assert: every outbox drains, tier by tier, and nothing is left anywhere.
        Assert.Empty(load.Failures);
        foreach (var tier in Tiers)
        {
            await Task.WhenAll(tier.Select(id => network.ApplyOutboxAsync(id)));
        }

        foreach (var id in Tiers.SelectMany(t => t))
        {
            var left = await network.ApplyOutboxAsync(id);
            Assert.True((left.Backlog, left.PendingSlots) == (0L, 0), $"{id}: {left.Backlog} entries left in {left.PendingSlots} slots");
        }

        // Assert: Taiyuan's person-side records are what the terminals were answered; the treatment city's, its
        // province's and the national aggregates, and Taiyuan's own clearing records, each equal their sums to the fen:
        // one forward row per settlement, one reversed row per cancel or reversal, none twice.
        using var store = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var records = await PersonRecords.ReadAsync(store, network.Prefix("M-140100"));
        var settled = PersonRecords.Sum(records.Select(r => r.Response));
        var reversed = PersonRecords.Negated(PersonRecords.Sum(records.Where(r => r.Cancelled).Select(r => r.Response)));
        var rowIds = records.Select(r => r.Response.SetlId + ":0").Concat(records.Where(r => r.Cancelled).Select(r => r.Response.SetlId + ":1")).Order(StringComparer.Ordinal).ToList();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s; terminals: {load.Settled} settled, {load.Cancelled} cancelled (2208), {load.Reversed} reversed (2601), {load.Retries} retries");
        output.WriteLine($"person records: {records.Count} ({records.Count(r => r.Cancelled)} cancelled)");
        output.WriteLine($"forward  {PersonRecords.Describe(settled)}");
        output.WriteLine($"reversed {PersonRecords.Describe(reversed)}");
        Assert.Equal(load.Settled, records.Count);
        Assert.Equal(load.Cancelled + load.Reversed, records.Count(r => r.Cancelled));
        Assert.True(load.Cancelled > 0 && load.Reversed > 0, $"{load.Cancelled} cancels, {load.Reversed} reversals: the load should exercise both.");
        Assert.True(settled.FundPaySumamt > 0 && settled.AcctPay > 0, PersonRecords.Describe(settled));

        var months = new[] { firstMonth, ChinaMonth() }.Distinct().ToList();
        foreach (var (id, treatment, insured, insuredSide) in new[]
        {
            ("M-110100", TreatmentCity, InsuredCity, false),
            (RelayProvince, TreatmentCity, InsuredCity, false),
            ("N", "110000", "140000", false),
            ("M-140100", TreatmentCity, InsuredCity, true),
        })
        {
            var clearing = network.ClearingStore(id, store);
            var totals = new List<ClearingTotals>();
            var rows = new List<Storage.Clearing.ClearingRow>();
            foreach (var month in months)
            {
                totals.Add(await clearing.TotalsAsync(new ClearingPair(month, treatment, insured), insuredSide));
                rows.AddRange(await clearing.RowsAsync(new ClearingPair(month, treatment, insured), insuredSide));
            }

            output.WriteLine($"{id}: {rows.Count} rows; forward {PersonRecords.Describe(PersonRecords.Sum(totals.Select(t => t.Settled)))}");
            Assert.Equal(rowIds, rows.Select(r => r.Id).Order(StringComparer.Ordinal).ToList());
            PersonRecords.AssertSame(settled, PersonRecords.Sum(totals.Select(t => t.Settled)));
            PersonRecords.AssertSame(reversed, PersonRecords.Sum(totals.Select(t => t.Reversed)));
        }

        // Assert: Shanxi's prepayment counts what stands advanced for its persons (funds and accounts of the
        // settlements not cancelled), once.
        var standing = records.Where(r => !r.Cancelled).Sum(r => r.Response.Split.FundPaySumamt + r.Response.Split.AcctPay);
        using var operatorChannel = SecureChannel.Plaintext(network.Address("N"), CallerIdentity.Operator("crash-test"));
        var prepayment = await new PrepaymentService.PrepaymentServiceClient(operatorChannel).GetPrepaymentAsync(new GetPrepaymentRequest { InsuplcAdmdvs = "140000" });
        Assert.Equal(standing, prepayment.Provinces[0].Status.Advanced);
    }

    private static string ChinaMonth() => DateTime.UtcNow.AddHours(8).ToString("yyyyMM", CultureInfo.InvariantCulture);

    // The five node processes of the route, in development mode with a topology of their own, each under its own key
    // prefix on one Redis; a node is killed with SIGKILL and started again on the same port, store and prefix.
    private sealed class CrashNetwork : IAsyncDisposable
    {
        private static readonly (string Id, string Role, string Admdvs, string? Parent)[] Nodes =
        [
            ("N", "national", "000000", null),
            ("P-140000", "provincial", "140000", "N"),
            ("M-140100", "municipal", InsuredCity, "P-140000"),
            (RelayProvince, "provincial", "110000", "N"),
            ("M-110100", "municipal", TreatmentCity, RelayProvince),
        ];

        private readonly string _redis;
        private readonly string _run = TestRedis.NewPrefix();
        private readonly string _topology = Path.Combine(Path.GetTempPath(), "adjudication-topology-" + Guid.NewGuid().ToString("N") + ".json");
        private readonly Dictionary<string, string> _addresses = Nodes.ToDictionary(n => n.Id, _ => $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}");
        private readonly Dictionary<string, CliProcess> _processes = [];

        private CrashNetwork(string redis) => _redis = redis;

        public static async Task<CrashNetwork> StartAsync(string redis)
        {
            var network = new CrashNetwork(redis);
            var entries = Nodes.Select(n =>
                $$"""{ "id": "{{n.Id}}", "role": "{{n.Role}}", "admdvs": "{{n.Admdvs}}", "addresses": ["{{network._addresses[n.Id]}}"], "parent": {{(n.Parent is null ? "null" : $"\"{n.Parent}\"")}} }""");
            await File.WriteAllTextAsync(network._topology, $$"""{ "nodes": [{{string.Join(",\n", entries)}}] }""");
            await Task.WhenAll(Nodes.Select(n => network.RestartAsync(n.Id)));
            return network;
        }

        public string Address(string id) => _addresses[id];

        public string Prefix(string id) => _run + "-" + id;

        public ClearingStore ClearingStore(string id, ConnectionMultiplexer store) =>
            new(store, new RedisStoreOptions { Configuration = _redis, KeyPrefix = Prefix(id) });

        public async Task KillAsync(string id)
        {
            await _processes[id].KillAsync();
            await _processes[id].DisposeAsync();
            _processes.Remove(id);
        }

        // Starts the node (again) and waits until it listens; a municipal node loads its demo data first.
        public async Task RestartAsync(string id)
        {
            var node = CliProcess.StartCli("node", "--plaintext", "--topology", _topology, "--id", id, "--redis", _redis, "--key-prefix", Prefix(id));
            lock (_processes)
            {
                _processes[id] = node;
            }

            await node.WaitForOutputAsync($"listening at {_addresses[id]}");
        }

        // Applies what the node's outbox holds (the store may still be reconnecting after its restart) and reads it again.
        public async Task<ReadOutboxResponse> ApplyOutboxAsync(string id)
        {
            using var channel = SecureChannel.Plaintext(_addresses[id], CallerIdentity.Operator("crash-test"));
            var diagnostics = new DiagnosticsService.DiagnosticsServiceClient(channel);
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    return await diagnostics.ReadOutboxAsync(new ReadOutboxRequest { ApplyFirst = true }, deadline: DateTime.UtcNow.AddSeconds(10));
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && deadline.Elapsed < PhaseDeadline)
                {
                    // Polling a condition with a deadline: the node reconnects to its store every 250 ms.
                    await Task.Delay(100);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var node in _processes.Values)
            {
                await node.DisposeAsync();
            }

            File.Delete(_topology);
        }
    }
}
