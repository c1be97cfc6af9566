using System.Diagnostics;
using System.Globalization;
using Adjudication.Cli.Demo;
using Adjudication.Cli.Tests.Infrastructure;
using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Security;
using Adjudication.Storage;
using Adjudication.Storage.Ledger;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Adjudication.Cli.Tests;

/// <summary>
/// The outbox keeps the hospital ledger exact across crashes (DESIGN.md §6, §11; issue 15): terminals settle, cancel
/// and reverse under load while Redis (AOF, fsync always) and then the node process are killed with SIGKILL and
/// started again. Afterwards the ledger equals, to the fen, the person-side settlement records, and the outbox is empty.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const string City = "140100";
    private const int Terminals = 8;

    // Settlements answered between one phase and the next: load before, between and after the two kills.
    private const int SettledPerPhase = 12;

    private static readonly TimeSpan PhaseDeadline = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task SettleUnderLoad_RedisThenNodeKilled_LedgerEqualsPersonRecordsAndOutboxDrains()
    {
        // Arrange: a private redis-server (AOF, fsync always; CI has one, and this test needs a real one to kill) and a
        // seeded node process on it; eight terminals of the tertiary hospital settling back to back.
        var executable = RedisServerProcess.FindExecutable();
        Assert.True(executable is not null, "redis-server is not on PATH: this test kills a real redis-server with SIGKILL and restarts it from its AOF (install redis-server; CI has it).");
        var clock = Stopwatch.StartNew();
        await using var redis = await RedisServerProcess.StartAsync(executable);
        var prefix = TestRedis.NewPrefix();
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var address = $"http://127.0.0.1:{port}";
        string[] nodeArgs = ["node", "--plaintext", "--redis", redis.Configuration, "--key-prefix", prefix, "--port", port];
        var node = CliProcess.StartCli(nodeArgs);
        try
        {
            await node.WaitForOutputAsync($"listening at {address}");
            using var hospitalChannel = SecureChannel.Plaintext(address, CallerIdentity.Institution(DemoSeeder.TertiaryHospital(City), City));
            using var operatorChannel = SecureChannel.Plaintext(address, CallerIdentity.Operator("crash-test"));
            var load = new TerminalLoad(new SettlementService.SettlementServiceClient(hospitalChannel), DemoSeeder.TertiaryHospital(City), TerminalLoad.DemoPatients(City), MedType.GeneralOutpatient, PhaseDeadline);
            load.Start(Terminals);

            // Act 1: Redis dies mid-load and comes back on its port from its AOF.
            await load.WaitForSettledAsync(SettledPerPhase);
            var retriesBefore = load.Retries;
            await redis.KillAsync();
            await load.WaitForRetriesAsync(retriesBefore + Terminals);
            await redis.RestartAsync();
            await load.WaitForSettledAsync(load.Settled + SettledPerPhase);

            // Act 2: the node dies mid-load and starts again on the same store and prefix.
            retriesBefore = load.Retries;
            await node.KillAsync();
            await load.WaitForRetriesAsync(retriesBefore + Terminals);
            await node.DisposeAsync();
            node = CliProcess.StartCli(nodeArgs);
            await node.WaitForOutputAsync($"listening at {address}");
            await load.WaitForSettledAsync(load.Settled + SettledPerPhase);
            await load.StopAsync();

            // Assert: the worker drains the outbox by itself (the restarted node's start-up sweep finds what the killed
            // one left), and applying everything found leaves nothing.
            var diagnostics = new DiagnosticsService.DiagnosticsServiceClient(operatorChannel);
            var drained = await WaitForBacklogZeroAsync(diagnostics);
            var applyFirst = await diagnostics.ReadOutboxAsync(new ReadOutboxRequest { ApplyFirst = true });
            Assert.Empty(load.Failures);
            Assert.Equal(0, drained.Backlog);
            Assert.Equal((0L, 0), (applyFirst.Backlog, applyFirst.PendingSlots));

            // Assert: the ledger equals the person-side records exactly: one row per settlement, one reversed row per
            // cancelled one, every count and sum to the fen, and no row booked twice.
            using var store = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
            var records = await PersonRecords.ReadAsync(store, prefix);
            var ledger = new LedgerStore(store, new RedisStoreOptions { Configuration = redis.Configuration, KeyPrefix = prefix });
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            var totals = await ledger.TotalsAsync(DemoSeeder.TertiaryHospital(City), today.AddDays(-1), today.AddDays(1));
            var rows = await ledger.RowsAsync(DemoSeeder.TertiaryHospital(City), today.AddDays(-1), today.AddDays(1));
            var settledSums = PersonRecords.Sum(records.Select(r => r.Response));
            var cancelledSums = PersonRecords.Negated(PersonRecords.Sum(records.Where(r => r.Cancelled).Select(r => r.Response)));
            var bookedSums = PersonRecords.Sum(totals.Where(t => !t.Refunded).Select(t => t.Sums));
            var reversedSums = PersonRecords.Sum(totals.Where(t => t.Refunded).Select(t => t.Sums));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s; terminals: {load.Settled} settled, {load.Cancelled} cancelled (2208), {load.Reversed} reversed (2601), {load.Retries} retries (UNAVAILABLE / OUTCOME_UNKNOWN / cut off)");
            output.WriteLine($"person records: {records.Count} ({records.Count(r => r.Cancelled)} cancelled); ledger rows: {rows.Count}");
            output.WriteLine($"forward  {PersonRecords.Describe(bookedSums)}");
            output.WriteLine($"reversed {PersonRecords.Describe(reversedSums)}");

            Assert.Equal(load.Settled, records.Count);
            Assert.Equal(load.Cancelled + load.Reversed, records.Count(r => r.Cancelled));
            Assert.True(load.Cancelled > 0 && load.Reversed > 0, $"{load.Cancelled} cancels, {load.Reversed} reversals: the load should exercise both.");
            Assert.Equal(
                records.Select(r => r.Response.SetlId + ":0").Concat(records.Where(r => r.Cancelled).Select(r => r.Response.SetlId + ":1")).Order(StringComparer.Ordinal),
                rows.Select(r => r.Id).Order(StringComparer.Ordinal));
            PersonRecords.AssertSame(settledSums, bookedSums);
            PersonRecords.AssertSame(cancelledSums, reversedSums);
            Assert.True(settledSums.FundPaySumamt > 0 && settledSums.AcctPay > 0 && settledSums.Funds.Count >= 2, PersonRecords.Describe(settledSums));
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    private static async Task<ReadOutboxResponse> WaitForBacklogZeroAsync(DiagnosticsService.DiagnosticsServiceClient diagnostics)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var read = await diagnostics.ReadOutboxAsync(new ReadOutboxRequest());
            if (read.Backlog == 0 || deadline.Elapsed > PhaseDeadline)
            {
                return read;
            }

            // Polling a condition with a deadline: the worker applies woken slots within moments.
            await Task.Delay(100);
        }
    }
}
