using System.CommandLine;
using System.Runtime;
using System.Security.Cryptography.X509Certificates;
using Adjudication.Cli.Commands;
using Adjudication.Cli.Demo;
using Adjudication.Contracts.V1;
using Adjudication.LoadTest.Measurement;
using Adjudication.LoadTest.Reporting;
using Adjudication.LoadTest.Scenarios;
using Adjudication.LoadTest.Simulation;
using Adjudication.Node.Security;
using Adjudication.Storage;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Spectre.Console;

// Pinned to one core (perf/run.sh) the runtime starts the thread pool with one worker and adds more only slowly;
// sixteen callers and the HTTP/2 read loop should not wait for that, so the generator starts with sixteen.
ThreadPool.GetMinThreads(out var workers, out var completionPorts);
ThreadPool.SetMinThreads(Math.Max(workers, 16), completionPorts);

var address = new Option<string>("--address")
{
    Description = "The node to load: http://127.0.0.1:5100 for a node started with --plaintext (calls name their identity in the development header), " +
        "or https://127.0.0.1:5100 with --certs for a node with mutual TLS. Not with --network.",
};
var certs = new Option<string?>("--certs")
{
    Description = "One node over mutual TLS (--address https://…): folder of the network's CA, ca.crt.pem and ca.key.pem as 'adjudication certs ca' makes them " +
        "(the node's --tls-ca). The generator issues in memory an institution certificate for the terminal (the city's tertiary hospital) and an operator " +
        "certificate (load-generator) for the counters, and keeps one long-lived channel for each, so a connection's handshake is not paid per call.",
};
var network = new Option<bool>("--network")
{
    Description = "Start the demo network in this process (national, 4 provinces, 6 cities on --redis) and load Beijing's city node: " +
        "ping, settle (a Beijing person), settle-cross-city (Taiyuan person in Jinzhong, 4 layers), settle-cross-province (Taiyuan person in Beijing, 6 layers).",
};
var redis = new Option<string>("--redis") { Description = "The node's Redis (host:port), to add the load persons.", Required = true };
var prefix = new Option<string>("--key-prefix") { Description = "The node's key prefix.", DefaultValueFactory = _ => "adj" };
var city = new Option<string>("--admdvs") { Description = "The node's city.", DefaultValueFactory = _ => "140100" };
var clearingFeed = new Option<bool>("--clearing-feed")
{
    Description = "With --network: whether the nodes feed clearing (Node:ClearingFeed; default true). false measures the cross-province settle without the clearing rows it starts (perf/run.sh --clearing-feed-only runs both).",
    DefaultValueFactory = _ => true,
};
var scenarios = new Option<string>("--scenarios")
{
    Description = $"Comma-separated. One node: {string.Join(", ", SettlementScenarios.Names)}. With --network: ping, settle, settle-cross-city, settle-cross-province. " +
        "A name may repeat; ratios use a scenario's best closed-model rate. Default: all, then ping again, so the baseline is also measured on a warm node.",
};
var concurrency = new Option<int>("--concurrency") { Description = "Callers in the closed model.", DefaultValueFactory = _ => 16 };
var rate = new Option<int>("--rate") { Description = "Open model only, at this many calls/s. Default: closed model at --concurrency, then open model at 50% of the rate it achieved." };
var duration = new Option<int>("--duration") { Description = "Seconds per measured run.", DefaultValueFactory = _ => 10 };
var warmup = new Option<int>("--warmup") { Description = "Seconds of unmeasured warm-up per scenario.", DefaultValueFactory = _ => 2 };
var persons = new Option<int>("--persons")
{
    // Call i settles for person i mod N: with too few persons an open-model backlog makes concurrent settles of one
    // person conflict and retry, which real terminals (one patient at one counter) do not do.
    Description = "Persons the load is spread over; call i settles for person i mod this.",
    DefaultValueFactory = _ => 4096,
};
var h2loadBodies = new Option<string?>("--h2load-bodies") { Description = "One node only: write ping.bin and presettle.bin (gRPC-framed bodies h2load can replay) to this folder." };
var output = new Option<string>("--out") { Description = "Folder for report.md and report.json.", DefaultValueFactory = _ => "perf/results" };

var root = new RootCommand("Adjudication load generator: open and closed models over real gRPC, HdrHistogram percentiles.")
{
    address, certs, network, clearingFeed, redis, prefix, city, scenarios, concurrency, rate, duration, warmup, persons, h2loadBodies, output,
};
root.SetAction(async (parse, cancellation) =>
{
    var console = AnsiConsole.Console;
    if (parse.GetValue(network) && parse.GetValue(certs) is not null)
    {
        throw new ArgumentException("--certs is for one node (--address https://…); the --network nodes run in this process over mutual TLS of their own.");
    }

    // One long-lived channel per identity (the terminal's and the counters'): plaintext naming the identity, or mutual
    // TLS under a certificate issued from --certs's CA.
    using var ca = parse.GetValue(certs) is { } certsFolder ? CertificateAuthority.LoadCa(certsFolder) : null;
    var channelTo = parse.GetValue(network) ? null : ChannelFactory(parse.GetValue(address) ?? throw new ArgumentException("--address is required without --network"), ca);
    var storeOptions = new RedisStoreOptions { Configuration = parse.GetValue(redis)!, KeyPrefix = parse.GetValue(prefix)! };
    await using var localNetwork = parse.GetValue(network)
        ? await console.Status().StartAsync("Starting the demo network…", _ => LocalNetwork.StartAsync(storeOptions.Configuration, $"{storeOptions.KeyPrefix}-net", LogLevel.Warning, configure: o => o.ClearingFeed = parse.GetValue(clearingFeed)))
        : null;
    var factories = localNetwork is null
        ? await NodeScenariosAsync(channelTo!, JsonClient(parse.GetValue(address)!, ca, parse.GetValue(city)!), storeOptions, parse.GetValue(city)!, parse.GetValue(persons), parse.GetValue(h2loadBodies))
        : await NetworkScenariosAsync(localNetwork, parse.GetValue(persons));
    // What each call costs: the node's allocations and CPU read over gRPC around each measured run (in --network mode
    // the nodes share the generator's process, so only its total is reported), Redis's CPU from INFO.
    using var countersChannel = channelTo?.Invoke(CallerIdentity.Operator("load-generator"));
    // INFO is an admin command to the client library; the generator's own connection may use it.
    var meterOptions = StackExchange.Redis.ConfigurationOptions.Parse(storeOptions.Configuration);
    meterOptions.AllowAdmin = true;
    using var redisConnection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(meterOptions);
    var meter = new ResourceMeter(
        countersChannel is null ? null : new DiagnosticsService.DiagnosticsServiceClient(countersChannel),
        redisConnection.GetServers()[0]);
    var seconds = TimeSpan.FromSeconds(parse.GetValue(duration));
    var runs = new List<ScenarioStats>();
    foreach (var name in parse.GetValue(scenarios)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [.. factories.Keys, "ping"])
    {
        var create = factories.TryGetValue(name, out var f) ? f : throw new ArgumentException($"unknown scenario '{name}'; known: {string.Join(", ", factories.Keys)}");
        var warm = await ScenarioRunner.RunAsync(create(), LoadSimulation.KeepConstant(4, TimeSpan.FromSeconds(parse.GetValue(warmup))), 3_000, console);

        // The closed run prepares one visit per call it may make: size that from the warm-up's rate, with headroom.
        var closedEstimate = Math.Max(500, (int)(warm.AchievedRate * 2));
        if (parse.GetValue(rate) is > 0 and var fixedRate)
        {
            runs.Add(await ScenarioRunner.RunAsync(create(), LoadSimulation.Inject(fixedRate, seconds), 0, console, meter));
            continue;
        }

        var max = await ScenarioRunner.RunAsync(create(), LoadSimulation.KeepConstant(parse.GetValue(concurrency), seconds), closedEstimate, console, meter);
        runs.Add(max);
        runs.Add(await ScenarioRunner.RunAsync(create(), LoadSimulation.Inject(Math.Max(1, (int)(max.AchievedRate / 2)), seconds), 0, console, meter));
    }

    var machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, load generator GC {(GCSettings.IsServerGC ? "server" : "workstation")}";
    var folder = parse.GetValue(output)!;
    Directory.CreateDirectory(folder);
    var markdown = LoadReport.Markdown(runs, machine);
    await File.WriteAllTextAsync(Path.Combine(folder, "report.md"), markdown, cancellation);
    await File.WriteAllTextAsync(Path.Combine(folder, "report.json"), LoadReport.Json(runs, machine), cancellation);
    console.WriteLine(markdown);
    return runs.Any(r => r.Ok == 0) ? 1 : 0;
});
return await root.Parse(args).InvokeAsync();

// A channel to the one node under an identity: plaintext (http://, the identity named in the development header), or
// mutual TLS (https:// with --certs) presenting a certificate for the identity issued in memory from the CA.
static Func<CallerIdentity, GrpcChannel> ChannelFactory(string address, X509Certificate2? ca)
{
    var https = address.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    if (ca is null)
    {
        return https
            ? throw new ArgumentException($"{address} is a node with mutual TLS: pass --certs DIR, the folder of its CA (ca.crt.pem, ca.key.pem).")
            : identity => SecureChannel.Plaintext(address, identity);
    }

    return https
        ? identity => SecureChannel.Create(address, CertificateAuthority.Issue(ca, identity), ca)
        : throw new ArgumentException($"--certs needs an https:// --address; {address} is a plaintext node (started with --plaintext).");
}

// The JSON gateway's client of the one node, as the city's tertiary hospital (settle-json).
static JsonSettlement JsonClient(string address, X509Certificate2? ca, string city) =>
    new(address, CallerIdentity.Institution(DemoSeeder.TertiaryHospital(city), city), ca, city, city);

// One node: the scenarios against it, persons added through its store.
static async Task<Dictionary<string, Func<LoadScenario>>> NodeScenariosAsync(Func<CallerIdentity, GrpcChannel> channelTo, JsonSettlement json, RedisStoreOptions store, string city, int count, string? bodies)
{
    var people = await SeedAsync(store, city, count);
    var factory = new SettlementScenarios(channelTo(CallerIdentity.Institution(DemoSeeder.TertiaryHospital(city), city)), city, city, people) { Json = json };
    if (bodies is not null)
    {
        var (ping, presettle) = await factory.H2LoadBodiesAsync();
        Directory.CreateDirectory(bodies);
        await File.WriteAllBytesAsync(Path.Combine(bodies, "ping.bin"), ping);
        await File.WriteAllBytesAsync(Path.Combine(bodies, "presettle.bin"), presettle);
    }

    return SettlementScenarios.Names.ToDictionary(n => n, n => (Func<LoadScenario>)(() => factory.Create(n)));
}

// The in-process network: terminals of Beijing (110100) and Jinzhong (140700); persons of Beijing, and of Taiyuan
// (140100) with a long-term filing to Beijing. Jinzhong needs none: Taiyuan and Jinzhong share the central Shanxi zone.
static async Task<Dictionary<string, Func<LoadScenario>>> NetworkScenariosAsync(LocalNetwork network, int count)
{
    var locals = await SeedAsync(network.StoreOf("M-110100"), "110100", count);
    var travellers = await SeedAsync(network.StoreOf("M-140100"), "140100", count);
    var filings = new FilingService.FilingServiceClient(network.Channel("M-140100", CallerIdentity.Agency(DemoSeeder.AgencyCode("140100"), "140100")));
    var sequence = 0;
    foreach (var person in travellers)
    {
        await filings.RegisterFilingAsync(new RegisterFilingRequest
        {
            Msgid = $"{DemoSeeder.AgencyCode("140100")}{DateTime.UtcNow:yyyyMMddHHmmss}{++sequence % 10_000:D4}",
            PsnNo = person.PsnNo,
            InsuplcAdmdvs = "140100",
            FilingClass = FilingClass.LongTermResident,
            DestAdmdvs = "110000",
            Begndate = "2026-01-01",
        });
    }

    var beijing = network.Channel("M-110100", CallerIdentity.Institution(DemoSeeder.TertiaryHospital("110100"), "110100"));
    var local = new SettlementScenarios(beijing, "110100", "110100", locals);
    var crossCity = new SettlementScenarios(network.Channel("M-140700", CallerIdentity.Institution(DemoSeeder.TertiaryHospital("140700"), "140700")), "140700", "140100", travellers);
    var crossProvince = new SettlementScenarios(beijing, "110100", "140100", travellers);
    return new Dictionary<string, Func<LoadScenario>>
    {
        ["ping"] = () => local.Create("ping"),
        ["settle"] = () => local.Create("settle"),
        ["settle-cross-city"] = () => crossCity.Create("settle", "settle-cross-city"),
        ["settle-cross-province"] = () => crossProvince.Create("settle", "settle-cross-province"),
    };
}

static async Task<IReadOnlyList<Adjudication.Domain.Persons.PersonProfile>> SeedAsync(RedisStoreOptions options, string city, int count)
{
    using var connection = await StoreConnection.ConnectAsync(options);
    using var store = new PersonStore(connection, options, TimeProvider.System);
    return await SettlementScenarios.SeedPersonsAsync(store, city, count);
}
