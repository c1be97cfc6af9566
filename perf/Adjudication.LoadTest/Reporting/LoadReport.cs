using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Adjudication.LoadTest.Reporting;

/// <summary>Writes the run as Markdown (for perf/README.md) and JSON (for tools), with the ratios against the ping baseline.</summary>
public static class LoadReport
{
    /// <summary>The runs as a Markdown table for perf/README.md, headed by the machine they ran on, then the throughput ratios.</summary>
    public static string Markdown(IReadOnlyList<ScenarioStats> runs, string machine)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}").AppendLine();
        md.AppendLine("| scenario | simulation | offered/s | achieved/s | ok | failed | p50 ms | p90 ms | p99 ms | p99.9 ms | node B/call | node µs/call | redis µs/call | generator µs/call | GC pause ms (node / generator) | errors |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in runs)
        {
            var errors = r.Errors.Count == 0 ? "" : string.Join(", ", r.Errors.Select(e => $"{e.Key} × {e.Value}"));
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Simulation} | {(r.OfferedRate > 0 ? r.OfferedRate.ToString("0", CultureInfo.InvariantCulture) : "-")} | {r.AchievedRate:0} | {r.Ok} | {r.Failed} | {r.Percentile(50):0.000} | {r.Percentile(90):0.000} | {r.Percentile(99):0.000} | {r.Percentile(99.9):0.000} | {Cell(r.Cost?.NodeBytes, "N0")} | {Cell(r.Cost?.NodeCpuMicros, "0.0")} | {Cell(r.Cost?.RedisCpuMicros, "0.0")} | {Cell(r.Cost?.GeneratorCpuMicros, "0.0")} | {Cell(r.Cost?.NodeGcPauseMillis, "0")} / {Cell(r.Cost?.GeneratorGcPauseMillis, "0")} | {errors} |");
        }

        var ratios = Ratios(runs);
        if (ratios.Count > 0)
        {
            md.AppendLine().AppendLine("| ratio (closed-model throughput, same run) | value |").AppendLine("|---|---:|");
            foreach (var (name, value) in ratios)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value:0.00} |");
            }
        }

        return md.ToString();
    }

    /// <summary>The runs, the machine and the ratios as JSON for tools.</summary>
    public static string Json(IReadOnlyList<ScenarioStats> runs, string machine) => JsonSerializer.Serialize(
        new
        {
            machine,
            runs = runs.Select(r => new
            {
                r.Name, r.Simulation, r.OfferedRate, r.AchievedRate, r.Ok, r.Failed, r.Errors, r.Cost,
                p50 = r.Percentile(50), p90 = r.Percentile(90), p99 = r.Percentile(99), p999 = r.Percentile(99.9),
            }),
            ratios = Ratios(runs).ToDictionary(r => r.Name, r => r.Value),
        },
        Indented);

    private static string Cell(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // Throughput ratios from the closed-model runs (maximum rates), as DESIGN.md §10 asks: each scenario against ping.
    // A scenario run twice (ping before and after the others) counts with its best rate.
    private static List<(string Name, double Value)> Ratios(IReadOnlyList<ScenarioStats> runs)
    {
        var closed = runs.Where(r => r.OfferedRate == 0).GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.Max(r => r.AchievedRate));
        var ratios = new List<(string, double)>();
        if (closed.TryGetValue("ping", out var ping) && ping > 0)
        {
            foreach (var (name, rate) in closed.Where(c => c.Key != "ping"))
            {
                ratios.Add(($"{name} / ping", rate / ping));
            }
        }

        // A relayed settle against a local one (DESIGN.md §10), when the run had both.
        if (closed.TryGetValue("settle", out var local) && local > 0)
        {
            foreach (var (name, rate) in closed.Where(c => c.Key.StartsWith("settle-cross", StringComparison.Ordinal)))
            {
                ratios.Add(($"{name} / settle", rate / local));
            }
        }

        // The national JSON 2207 against the gRPC settle of the same run (issue 17: target at least 0.7).
        if (closed.TryGetValue("settle", out var grpc) && grpc > 0 && closed.TryGetValue("settle-json", out var json))
        {
            ratios.Add(("settle-json / settle", json / grpc));
        }

        return ratios;
    }
}
