using System.CommandLine;
using System.Runtime;
using Adjudication.LoadTest.Reporting;
using Adjudication.LoadTest.Scenarios;
using Adjudication.LoadTest.Simulation;
using Adjudication.Storage;
using Grpc.Net.Client;
using Spectre.Console;

var address = new Option<string>("--address") { Description = "The node to load, e.g. http://127.0.0.1:5100.", Required = true };
var redis = new Option<string>("--redis") { Description = "The node's Redis (host:port), to add the load persons.", Required = true };
var prefix = new Option<string>("--key-prefix") { Description = "The node's key prefix.", DefaultValueFactory = _ => "adj" };
var city = new Option<string>("--admdvs") { Description = "The node's city.", DefaultValueFactory = _ => "140100" };
var scenarios = new Option<string>("--scenarios") { Description = $"Comma-separated: {string.Join(", ", SettlementScenarios.Names)}.", DefaultValueFactory = _ => string.Join(",", SettlementScenarios.Names) };
var concurrency = new Option<int>("--concurrency") { Description = "Callers in the closed model.", DefaultValueFactory = _ => 16 };
var rate = new Option<int>("--rate") { Description = "Open model only, at this many calls/s. Default: closed model at --concurrency, then open model at 50% of the rate it achieved." };
var duration = new Option<int>("--duration") { Description = "Seconds per measured run.", DefaultValueFactory = _ => 10 };
var warmup = new Option<int>("--warmup") { Description = "Seconds of unmeasured warm-up per scenario.", DefaultValueFactory = _ => 2 };
var persons = new Option<int>("--persons") { Description = "Persons the load is spread over.", DefaultValueFactory = _ => 512 };
var output = new Option<string>("--out") { Description = "Folder for report.md and report.json.", DefaultValueFactory = _ => "perf/results" };

var root = new RootCommand("Adjudication load generator: open and closed models over real gRPC, HdrHistogram percentiles.")
{
    address, redis, prefix, city, scenarios, concurrency, rate, duration, warmup, persons, output,
};
root.SetAction(async (parse, cancellation) =>
{
    var console = AnsiConsole.Console;
    var node = parse.GetValue(city)!;
    var storeOptions = new RedisStoreOptions { Configuration = parse.GetValue(redis)!, KeyPrefix = parse.GetValue(prefix)! };
    using var connection = await StoreConnection.ConnectAsync(storeOptions);
    using var store = new PersonStore(connection, storeOptions, TimeProvider.System);
    var people = await console.Status().StartAsync("Adding load persons…", _ => SettlementScenarios.SeedPersonsAsync(store, node, parse.GetValue(persons)));
    using var channel = GrpcChannel.ForAddress(parse.GetValue(address)!);
    var factory = new SettlementScenarios(channel, node, people);
    var seconds = TimeSpan.FromSeconds(parse.GetValue(duration));
    var runs = new List<ScenarioStats>();
    foreach (var name in parse.GetValue(scenarios)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    {
        var warm = await ScenarioRunner.RunAsync(factory.Create(name), LoadSimulation.KeepConstant(4, TimeSpan.FromSeconds(parse.GetValue(warmup))), 3_000, console);

        // The closed run prepares one visit per call it may make: size that from the warm-up's rate, with headroom.
        var closedEstimate = Math.Max(500, (int)(warm.AchievedRate * 2));
        if (parse.GetValue(rate) is > 0 and var fixedRate)
        {
            runs.Add(await ScenarioRunner.RunAsync(factory.Create(name), LoadSimulation.Inject(fixedRate, seconds), 0, console));
            continue;
        }

        var max = await ScenarioRunner.RunAsync(factory.Create(name), LoadSimulation.KeepConstant(parse.GetValue(concurrency), seconds), closedEstimate, console);
        runs.Add(max);
        runs.Add(await ScenarioRunner.RunAsync(factory.Create(name), LoadSimulation.Inject(Math.Max(1, (int)(max.AchievedRate / 2)), seconds), 0, console));
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
