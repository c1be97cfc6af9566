using System.Buffers.Binary;
using System.Globalization;
using Adjudication.Cli.Demo;
using Adjudication.Contracts.V1;
using Adjudication.Domain.Persons;
using Adjudication.Domain.Units;
using Adjudication.Storage;
using Google.Protobuf;
using Grpc.Net.Client;

namespace Adjudication.LoadTest.Scenarios;

/// <summary>
/// The scenarios against a demo-seeded municipal node: <c>ping</c> (the empty baseline), <c>presettle</c>, <c>settle</c>
/// (a fresh visit with a realistic 20-line bill per call) and <c>mix</c> (pre-settle then settle, as a terminal does).
/// The terminal belongs to a hospital of <paramref name="treatmentCity"/>; persons are insured in
/// <paramref name="insuredCity"/> (another city makes every settle cross the network) and spread so that concurrent
/// settles rarely contend for one person. <c>settle-json</c> is <c>settle</c> sent as the national JSON 2207 (issue 17)
/// when <see cref="Json"/> is set.
/// </summary>
public sealed class SettlementScenarios(GrpcChannel channel, string treatmentCity, string insuredCity, IReadOnlyList<PersonProfile> persons)
{
    private readonly SettlementService.SettlementServiceClient _settlement = new(channel);
    private readonly DiagnosticsService.DiagnosticsServiceClient _diagnostics = new(channel);
    private readonly DemoTerminal _terminal = new(new SettlementService.SettlementServiceClient(channel), DemoSeeder.TertiaryHospital(treatmentCity), TimeProvider.System);

    /// <summary>The names <see cref="Create(string)"/> knows.</summary>
    public static readonly string[] Names = ["ping", "presettle", "settle", "mix", "settle-json"];

    /// <summary>The JSON gateway's client for <c>settle-json</c>.</summary>
    public JsonSettlement? Json { get; init; }

    /// <summary>Adds <paramref name="count"/> employee persons with funded accounts, so load spreads over many hash slots.</summary>
    public static async Task<IReadOnlyList<PersonProfile>> SeedPersonsAsync(PersonStore store, string city, int count)
    {
        var template = DemoSeeder.Persons(city)[1].Profile;
        var persons = new List<PersonProfile>(count);
        for (var i = 0; i < count; i++)
        {
            var person = template with { PsnNo = string.Create(CultureInfo.InvariantCulture, $"L{city}{i:D8}") };
            await store.PutAsync(person, new Money(10_000_000), []).ConfigureAwait(false);
            persons.Add(person);
        }

        return persons;
    }

    /// <summary>A scenario by name.</summary>
    public LoadScenario Create(string name) => Create(name, name);

    /// <summary>Scenario <paramref name="name"/>, reported as <paramref name="reportAs"/>.</summary>
    public LoadScenario Create(string name, string reportAs)
    {
        var visits = new List<(PersonProfile Person, string MdtrtId)>();
        Func<int, Task> prepare = n => OpenVisitsAsync(visits, n);
        return name switch
        {
            "ping" => new LoadScenario(reportAs, null, _ => _diagnostics.PingAsync(new PingRequest()).ResponseAsync),
            "presettle" => new LoadScenario(reportAs, n => OpenVisitsAsync(visits, Math.Min(n, 2_000)), i => _settlement.PreSettleAsync(Request(visits[i % visits.Count])).ResponseAsync),
            "settle" => new LoadScenario(reportAs, prepare, i => _settlement.SettleAsync(Request(visits[i])).ResponseAsync),
            // The same visits and bill as settle, the same desk behind it: only the wire differs.
            "settle-json" => new LoadScenario(reportAs, prepare, i => (Json ?? throw new InvalidOperationException("settle-json needs the JSON client")).SettleAsync(visits[i].Person.PsnNo, visits[i].MdtrtId, _terminal.NextMsgid())),
            "mix" => new LoadScenario(reportAs, prepare, async i =>
            {
                await _settlement.PreSettleAsync(Request(visits[i]));
                await _settlement.SettleAsync(Request(visits[i]));
            }),
            _ => throw new ArgumentException($"unknown scenario '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
        };
    }

    /// <summary>
    /// gRPC-framed request bodies for h2load (DESIGN.md §10 cross-check): the empty ping, and a pre-settle of one
    /// prepared visit. A pre-settle commits nothing, so replaying the same body is the same call every time.
    /// </summary>
    public async Task<(byte[] Ping, byte[] PreSettle)> H2LoadBodiesAsync()
    {
        var visits = new List<(PersonProfile, string)>();
        await OpenVisitsAsync(visits, 1).ConfigureAwait(false);
        return (Frame(new PingRequest()), Frame(Request(visits[0])));
    }

    // The gRPC length-prefixed message: a compressed flag (0), the length as 4 big-endian bytes, the message.
    private static byte[] Frame(IMessage message)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }

    private SettleRequest Request((PersonProfile Person, string MdtrtId) visit) => new()
    {
        Msgid = _terminal.NextMsgid(),
        FixmedinsCode = _terminal.FixmedinsCode,
        PsnNo = visit.Person.PsnNo,
        InsuplcAdmdvs = insuredCity,
        MdtrtId = visit.MdtrtId,
        AcctUsedFlag = true,
    };

    // Visits are opened 16 at a time; the order of the list does not matter, only that each settle gets its own visit.
    private async Task OpenVisitsAsync(List<(PersonProfile, string)> visits, int count)
    {
        visits.Clear();
        var opened = new (PersonProfile, string)[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var person = persons[i % persons.Count];
                opened[i] = (person, await _terminal.OpenVisitAsync(person.PsnNo, insuredCity, Insutype.EmployeeBasic, MedType.Inpatient, TwentyLineBill()).ConfigureAwait(false));
            }
        })).ConfigureAwait(false);
        visits.AddRange(opened);
    }

    // A realistic inpatient bill: 20 lines over the demo catalog's classes A, B, C and price-capped items.
    private static IEnumerable<FeeLine> TwentyLineBill()
    {
        for (var i = 0; i < 20; i++)
        {
            var item = DemoCatalog.Named[i % DemoCatalog.Named.Length];
            yield return DemoTerminal.Line(item.MedListCodg, 12.5m + (i * 7), 1 + (i % 3), approved: true);
        }
    }
}
