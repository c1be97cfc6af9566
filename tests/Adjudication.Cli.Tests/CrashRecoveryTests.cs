using System.Diagnostics;
using System.Globalization;
using Adjudication.Cli.Demo;
using Adjudication.Cli.Tests.Infrastructure;
using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Security;
using Adjudication.Storage;
using Adjudication.Storage.Ledger;
using Grpc.Core;
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

    // The demo persons who are insured and active (the fifth, 刘洋, is not).
    private static readonly int[] ActivePersons = [0, 1, 2, 3, 5];
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
            var load = new Load(new SettlementService.SettlementServiceClient(hospitalChannel));
            load.Start();

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
            var records = await PersonRecordsAsync(store, prefix);
            var ledger = new LedgerStore(store, new RedisStoreOptions { Configuration = redis.Configuration, KeyPrefix = prefix });
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            var totals = await ledger.TotalsAsync(DemoSeeder.TertiaryHospital(City), today.AddDays(-1), today.AddDays(1));
            var rows = await ledger.RowsAsync(DemoSeeder.TertiaryHospital(City), today.AddDays(-1), today.AddDays(1));
            var settledSums = Sum(records.Select(r => r.Response));
            var cancelledSums = Negated(Sum(records.Where(r => r.Cancelled).Select(r => r.Response)));
            var bookedSums = Sum(totals.Where(t => !t.Refunded).Select(t => t.Sums));
            var reversedSums = Sum(totals.Where(t => t.Refunded).Select(t => t.Sums));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s; terminals: {load.Settled} settled, {load.Cancelled} cancelled (2208), {load.Reversed} reversed (2601), {load.Retries} retries (UNAVAILABLE / OUTCOME_UNKNOWN / cut off)");
            output.WriteLine($"person records: {records.Count} ({records.Count(r => r.Cancelled)} cancelled); ledger rows: {rows.Count}");
            output.WriteLine($"forward  {Describe(bookedSums)}");
            output.WriteLine($"reversed {Describe(reversedSums)}");

            Assert.Equal(load.Settled, records.Count);
            Assert.Equal(load.Cancelled + load.Reversed, records.Count(r => r.Cancelled));
            Assert.True(load.Cancelled > 0 && load.Reversed > 0, $"{load.Cancelled} cancels, {load.Reversed} reversals: the load should exercise both.");
            Assert.Equal(
                records.Select(r => r.Response.SetlId + ":0").Concat(records.Where(r => r.Cancelled).Select(r => r.Response.SetlId + ":1")).Order(StringComparer.Ordinal),
                rows.Select(r => r.Id).Order(StringComparer.Ordinal));
            AssertSame(settledSums, bookedSums);
            AssertSame(cancelledSums, reversedSums);
            Assert.True(settledSums.FundPaySumamt > 0 && settledSums.AcctPay > 0 && settledSums.Funds.Count >= 2, Describe(settledSums));
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

    // Every person-side settlement record under the prefix: the stored 2207 answer and whether it was cancelled.
    private static async Task<List<(SettleResponse Response, bool Cancelled)>> PersonRecordsAsync(ConnectionMultiplexer store, string prefix)
    {
        var records = new List<(SettleResponse, bool)>();
        var server = store.GetServer(store.GetEndPoints()[0]);
        var db = store.GetDatabase();
        await foreach (var key in server.KeysAsync(pattern: prefix + ":*:setl:*", pageSize: 1000))
        {
            var fields = await db.HashGetAsync(key, ["status", "body"]);
            var status = fields[0].ToString();
            Assert.True(status is "settled" or "cancelled", $"{key}: status '{status}'");
            records.Add((SettleResponse.Parser.ParseFrom((byte[])fields[1]!), status == "cancelled"));
        }

        return records;
    }

    private static LedgerSums Sum(IEnumerable<SettleResponse> responses)
    {
        var sums = LedgerSums.Zero;
        foreach (var response in responses)
        {
            var split = response.Split;
            var funds = new Dictionary<int, long>();
            foreach (var detail in split.Setldetail)
            {
                funds[detail.FundPayType] = funds.GetValueOrDefault(detail.FundPayType) + detail.FundPayamt;
            }

            sums = sums.Plus(new LedgerSums(1, split.MedfeeSumamt, split.FundPaySumamt, split.AcctPay, split.PsnCashPay, funds));
        }

        return sums;
    }

    private static LedgerSums Sum(IEnumerable<LedgerSums> parts) => parts.Aggregate(LedgerSums.Zero, (a, b) => a.Plus(b));

    // A reversed row counts once and carries the settlement's amounts negated.
    private static LedgerSums Negated(LedgerSums s) =>
        new(s.Count, -s.MedfeeSumamt, -s.FundPaySumamt, -s.AcctPay, -s.PsnCashPay, s.Funds.ToDictionary(f => f.Key, f => -f.Value));

    private static void AssertSame(LedgerSums expected, LedgerSums actual)
    {
        Assert.Equal(
            (expected.Count, expected.MedfeeSumamt, expected.FundPaySumamt, expected.AcctPay, expected.PsnCashPay),
            (actual.Count, actual.MedfeeSumamt, actual.FundPaySumamt, actual.AcctPay, actual.PsnCashPay));
        Assert.Equal(
            expected.Funds.Where(f => f.Value != 0).OrderBy(f => f.Key).ToList(),
            actual.Funds.Where(f => f.Value != 0).OrderBy(f => f.Key).ToList());
    }

    private static string Describe(LedgerSums s) =>
        $"cnt {s.Count}, medfee {s.MedfeeSumamt}, fund {s.FundPaySumamt}, acct {s.AcctPay}, cash {s.PsnCashPay}, funds [{string.Join(", ", s.Funds.OrderBy(f => f.Key).Select(f => $"{f.Key}: {f.Value}"))}] (fen)";

    // Terminals walking visits through 2201 → 2204 → 2207 (from the personal account where there is a balance), every third one cancelled (2208) and every third reversed
    // (2601), each call retried with its own msgid while the node or its store is away, as a real terminal retries.
    private sealed class Load(SettlementService.SettlementServiceClient client)
    {
        private readonly DemoTerminal _msgids = new(client, DemoSeeder.TertiaryHospital(City), TimeProvider.System);
        private volatile bool _stopping;
        private readonly List<Task> _terminals = [];
        private int _settled;
        private int _cancelled;
        private int _reversed;
        private int _retries;

        public System.Collections.Concurrent.ConcurrentQueue<Exception> Failures { get; } = new();

        public int Settled => Volatile.Read(ref _settled);

        public int Cancelled => Volatile.Read(ref _cancelled);

        public int Reversed => Volatile.Read(ref _reversed);

        public int Retries => Volatile.Read(ref _retries);

        public void Start()
        {
            for (var i = 0; i < Terminals; i++)
            {
                var person = DemoSeeder.Persons(City)[ActivePersons[i % ActivePersons.Length]].Profile;
                _terminals.Add(Task.Run(() => RunAsync(person.PsnNo, person.Insutype == Domain.Policy.Insutype.EmployeeBasic ? Insutype.EmployeeBasic : Insutype.ResidentBasic)));
            }
        }

        public Task WaitForSettledAsync(int settled) => WaitForAsync(() => Settled >= settled, $"{settled} settlements");

        public Task WaitForRetriesAsync(int retries) => WaitForAsync(() => Retries >= retries, $"{retries} retried calls");

        // Each terminal finishes the visit it is in (its cancel or reversal included), then stops.
        public async Task StopAsync()
        {
            _stopping = true;
            await Task.WhenAll(_terminals).WaitAsync(PhaseDeadline);
        }

        private async Task WaitForAsync(Func<bool> condition, string what)
        {
            var deadline = Stopwatch.StartNew();
            while (!condition())
            {
                if (!Failures.IsEmpty)
                {
                    throw new Xunit.Sdk.XunitException($"A terminal failed while waiting for {what}: {Failures.First()}");
                }

                if (deadline.Elapsed > PhaseDeadline)
                {
                    throw new Xunit.Sdk.XunitException($"No {what} within {PhaseDeadline} ({Settled} settled, {Retries} retries).");
                }

                // Polling a condition with a deadline.
                await Task.Delay(20);
            }
        }

        private async Task RunAsync(string psnNo, Insutype insutype)
        {
            try
            {
                for (var visit = 0; !_stopping; visit++)
                {
                    await VisitAsync(psnNo, insutype, visit);
                }
            }
            catch (Exception ex)
            {
                Failures.Enqueue(ex);
            }
        }

        private async Task VisitAsync(string psnNo, Insutype insutype, int visit)
        {
            var fixmedins = _msgids.FixmedinsCode;
            var register = new RegisterVisitRequest
            {
                Msgid = _msgids.NextMsgid(), FixmedinsCode = fixmedins, PsnNo = psnNo, InsuplcAdmdvs = City, Insutype = insutype,
                MedType = MedType.GeneralOutpatient, Begntime = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), DiseCodg = "I25.1",
            };
            var mdtrtId = (await RetryAsync(o => client.RegisterVisitAsync(register, o).ResponseAsync)).MdtrtId;
            var upload = new UploadFeesRequest { Msgid = _msgids.NextMsgid(), FixmedinsCode = fixmedins, PsnNo = psnNo, InsuplcAdmdvs = City, MdtrtId = mdtrtId };
            upload.FeeLines.Add(Line("0001", "250101015", 25m, 2 + (visit % 3)));
            upload.FeeLines.Add(Line("0002", "210300001", 260m, 1));
            await RetryAsync(o => client.UploadFeesAsync(upload, o).ResponseAsync);
            var settle = new SettleRequest { Msgid = _msgids.NextMsgid(), FixmedinsCode = fixmedins, PsnNo = psnNo, InsuplcAdmdvs = City, MdtrtId = mdtrtId, AcctUsedFlag = true };
            var settled = await RetryAsync(o => client.SettleAsync(settle, o).ResponseAsync);
            Interlocked.Increment(ref _settled);
            if (visit % 3 == 1)
            {
                var cancel = new CancelSettlementRequest { Msgid = _msgids.NextMsgid(), FixmedinsCode = fixmedins, PsnNo = psnNo, InsuplcAdmdvs = City, MdtrtId = mdtrtId, SetlId = settled.SetlId };
                await RetryAsync(o => client.CancelSettlementAsync(cancel, o).ResponseAsync);
                Interlocked.Increment(ref _cancelled);
            }
            else if (visit % 3 == 2)
            {
                var reverse = new ReverseRequest { Msgid = _msgids.NextMsgid(), FixmedinsCode = fixmedins, PsnNo = psnNo, InsuplcAdmdvs = City, Omsgid = settle.Msgid, Oinfno = "2207" };
                var reversed = await RetryAsync(o => client.ReverseAsync(reverse, o).ResponseAsync);
                Assert.Equal(ReverseOutcome.Reversed, reversed.Outcome);
                Interlocked.Increment(ref _reversed);
            }
        }

        // The same request (same msgid) again while the node or its store is away or the outcome is unknown.
        private async Task<T> RetryAsync<T>(Func<CallOptions, Task<T>> call)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    return await call(new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)));
                }
                catch (RpcException ex) when (Retriable(ex) && deadline.Elapsed < PhaseDeadline)
                {
                    Interlocked.Increment(ref _retries);

                    // A terminal's pause before trying again, not synchronization.
                    await Task.Delay(50);
                }
            }
        }

        private static bool Retriable(RpcException ex) =>
            ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded
            || ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason == "OUTCOME_UNKNOWN";

        private static FeeLine Line(string sn, string code, decimal priceYuan, int quantity)
        {
            var line = DemoTerminal.Line(code, priceYuan, quantity);
            line.FeedetlSn = sn;
            return line;
        }
    }
}
