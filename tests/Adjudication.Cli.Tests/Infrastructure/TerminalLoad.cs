using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Adjudication.Cli.Demo;
using Adjudication.Contracts.V1;
using Grpc.Core;

namespace Adjudication.Cli.Tests.Infrastructure;

/// <summary>
/// Hospital terminals settling back to back for crash tests: each walks visits through 2201 → 2204 → 2207 (from the
/// personal account where there is a balance), cancels every third one (2208) and reverses every third one by its msgid
/// (2601), and retries each call with its own msgid while a node or its store is away or the outcome is unknown, as a
/// real terminal does. Counts what was answered, so a test can compare it with what the stores hold.
/// </summary>
public sealed class TerminalLoad
{
    private static readonly int[] ActiveDemoPersons = [0, 1, 2, 3, 5];
    private readonly SettlementService.SettlementServiceClient _client;
    private readonly DemoTerminal _msgids;
    private readonly IReadOnlyList<(string PsnNo, string Insuplc, Insutype Insutype)> _persons;
    private readonly MedType _medType;
    private readonly TimeSpan _patience;
    private readonly List<Task> _terminals = [];
    private volatile bool _stopping;
    private int _settled;
    private int _cancelled;
    private int _reversed;
    private int _retries;

    /// <summary>Terminals of <paramref name="fixmedinsCode"/>, one per person of <paramref name="persons"/> (taken in turn).</summary>
    /// <param name="client">The settlement service of the hospital's node, under the hospital's identity.</param>
    /// <param name="fixmedinsCode">The hospital.</param>
    /// <param name="persons">The patients, each with the division that insures them.</param>
    /// <param name="medType">The visits' medical type (an emergency needs no filing across regions).</param>
    /// <param name="patience">How long one phase may take: a wait, a retried call, stopping.</param>
    public TerminalLoad(
        SettlementService.SettlementServiceClient client, string fixmedinsCode,
        IReadOnlyList<(string PsnNo, string Insuplc, Insutype Insutype)> persons, MedType medType, TimeSpan patience)
    {
        _client = client;
        _msgids = new DemoTerminal(client, fixmedinsCode, TimeProvider.System);
        _persons = persons;
        _medType = medType;
        _patience = patience;
    }

    /// <summary>
    /// The demo persons of <paramref name="city"/> who are insured and active (the fifth, 刘洋, is not), each with the
    /// insutype a terminal registers for them.
    /// </summary>
    public static IReadOnlyList<(string PsnNo, string Insuplc, Insutype Insutype)> DemoPatients(string city) =>
        [.. ActiveDemoPersons.Select(i => DemoSeeder.Persons(city)[i].Profile)
            .Select(p => (p.PsnNo, city, p.Insutype == Domain.Policy.Insutype.EmployeeBasic ? Insutype.EmployeeBasic : Insutype.ResidentBasic))];

    /// <summary>What made a terminal stop; empty while every call ends answered.</summary>
    public ConcurrentQueue<Exception> Failures { get; } = new();

    /// <summary>Settlements answered (2207).</summary>
    public int Settled => Volatile.Read(ref _settled);

    /// <summary>Settlements cancelled (2208).</summary>
    public int Cancelled => Volatile.Read(ref _cancelled);

    /// <summary>Settlements reversed by msgid (2601).</summary>
    public int Reversed => Volatile.Read(ref _reversed);

    /// <summary>Calls tried again (UNAVAILABLE, deadline exceeded, OUTCOME_UNKNOWN).</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Starts <paramref name="terminals"/> terminals.</summary>
    public void Start(int terminals)
    {
        for (var i = 0; i < terminals; i++)
        {
            var person = _persons[i % _persons.Count];
            _terminals.Add(Task.Run(() => RunAsync(person)));
        }
    }

    /// <summary>Waits until at least <paramref name="settled"/> settlements were answered.</summary>
    public Task WaitForSettledAsync(int settled) => WaitForAsync(() => Settled >= settled, $"{settled} settlements");

    /// <summary>Waits until at least <paramref name="retries"/> calls were tried again.</summary>
    public Task WaitForRetriesAsync(int retries) => WaitForAsync(() => Retries >= retries, $"{retries} retried calls");

    /// <summary>Each terminal finishes the visit it is in (its cancel or reversal included), then stops.</summary>
    public async Task StopAsync()
    {
        _stopping = true;
        await Task.WhenAll(_terminals).WaitAsync(_patience);
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

            if (deadline.Elapsed > _patience)
            {
                throw new Xunit.Sdk.XunitException($"No {what} within {_patience} ({Settled} settled, {Retries} retries).");
            }

            // Polling a condition with a deadline.
            await Task.Delay(20);
        }
    }

    private async Task RunAsync((string PsnNo, string Insuplc, Insutype Insutype) person)
    {
        try
        {
            for (var visit = 0; !_stopping; visit++)
            {
                await VisitAsync(person.PsnNo, person.Insuplc, person.Insutype, visit);
            }
        }
        catch (Exception ex)
        {
            Failures.Enqueue(ex);
        }
    }

    private async Task VisitAsync(string psnNo, string insuplc, Insutype insutype, int visit)
    {
        var fixmedins = _msgids.FixmedinsCode;
        var register = new RegisterVisitRequest
        {
            Msgid = _msgids.NextMsgid(), FixmedinsCode = fixmedins, PsnNo = psnNo, InsuplcAdmdvs = insuplc, Insutype = insutype,
            MedType = _medType, Begntime = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), DiseCodg = "I25.1",
        };
        var mdtrtId = (await RetryAsync(o => _client.RegisterVisitAsync(register, o).ResponseAsync)).MdtrtId;
        var upload = new UploadFeesRequest { Msgid = _msgids.NextMsgid(), FixmedinsCode = fixmedins, PsnNo = psnNo, InsuplcAdmdvs = insuplc, MdtrtId = mdtrtId };
        upload.FeeLines.Add(Line("0001", "250101015", 25m, 2 + (visit % 3)));
        upload.FeeLines.Add(Line("0002", "210300001", 260m, 1));
        await RetryAsync(o => _client.UploadFeesAsync(upload, o).ResponseAsync);
        var settle = new SettleRequest { Msgid = _msgids.NextMsgid(), FixmedinsCode = fixmedins, PsnNo = psnNo, InsuplcAdmdvs = insuplc, MdtrtId = mdtrtId, AcctUsedFlag = true };
        var settled = await RetryAsync(o => _client.SettleAsync(settle, o).ResponseAsync);
        Interlocked.Increment(ref _settled);
        if (visit % 3 == 1)
        {
            var cancel = new CancelSettlementRequest { Msgid = _msgids.NextMsgid(), FixmedinsCode = fixmedins, PsnNo = psnNo, InsuplcAdmdvs = insuplc, MdtrtId = mdtrtId, SetlId = settled.SetlId };
            await RetryAsync(o => _client.CancelSettlementAsync(cancel, o).ResponseAsync);
            Interlocked.Increment(ref _cancelled);
        }
        else if (visit % 3 == 2)
        {
            var reverse = new ReverseRequest { Msgid = _msgids.NextMsgid(), FixmedinsCode = fixmedins, PsnNo = psnNo, InsuplcAdmdvs = insuplc, Omsgid = settle.Msgid, Oinfno = "2207" };
            var reversed = await RetryAsync(o => _client.ReverseAsync(reverse, o).ResponseAsync);
            Assert.Equal(ReverseOutcome.Reversed, reversed.Outcome);
            Interlocked.Increment(ref _reversed);
        }
    }

    // The same request (same msgid) again while a node or its store is away or the outcome is unknown.
    private async Task<T> RetryAsync<T>(Func<CallOptions, Task<T>> call)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await call(new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)));
            }
            catch (RpcException ex) when (Retriable(ex) && deadline.Elapsed < _patience)
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
