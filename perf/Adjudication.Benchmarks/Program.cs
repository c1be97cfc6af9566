using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Running;

namespace Adjudication.Benchmarks;

/// <summary>
/// Runs the benchmarks (any BenchmarkDotNet arguments, e.g. <c>--filter '*'</c>), or checks a previous run's
/// allocations against <c>budgets.json</c> with <c>--check-budgets &lt;results-dir&gt; [--budgets &lt;file&gt;]</c>.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--check-budgets")
        {
            if (args.Length < 2)
            {
                Console.Error.WriteLine("usage: --check-budgets <results-dir> [--budgets <budgets.json>]");
                return 2;
            }

            var budgetsPath = args.Length >= 4 && args[2] == "--budgets" ? args[3] : DefaultBudgetsPath();
            return BudgetCheck.Run(args[1], budgetsPath);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
        return 0;
    }

    // The project's budgets.json when run from the project folder (dotnet run), else the copy next to the binary.
    private static string DefaultBudgetsPath()
    {
        var local = Path.Combine(Directory.GetCurrentDirectory(), "budgets.json");
        return File.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "budgets.json");
    }
}

/// <summary>
/// Compares each benchmark's allocated bytes per operation from BenchmarkDotNet's JSON reports against the checked-in
/// budget (microsoft/garnet's BDNPerfTests model). Any benchmark over budget, without a budget, or without memory
/// data fails the check.
/// </summary>
public static class BudgetCheck
{
    /// <summary>Runs the check; returns the process exit code (0 pass, 1 fail, 2 usage or input error).</summary>
    public static int Run(string resultsDir, string budgetsPath)
    {
        if (!File.Exists(budgetsPath))
        {
            Console.Error.WriteLine($"budgets file not found: {budgetsPath}");
            return 2;
        }

        if (!Directory.Exists(resultsDir))
        {
            Console.Error.WriteLine($"results directory not found: {resultsDir}");
            return 2;
        }

        Dictionary<string, long> budgets;
        try
        {
            using var stream = File.OpenRead(budgetsPath);
            budgets = JsonSerializer.Deserialize<Dictionary<string, long>>(stream) ?? [];
        }
        catch (JsonException ex)
        {
            Console.Error.WriteLine($"budgets file {budgetsPath} is not a JSON object of benchmark name → bytes: {ex.Message}");
            return 2;
        }

        // Newest report wins when a benchmark appears in several runs.
        var reports = Directory.EnumerateFiles(resultsDir, "*-report*.json", SearchOption.AllDirectories)
            .Where(f => f.EndsWith("-report-full-compressed.json", StringComparison.Ordinal)
                || f.EndsWith("-report-full.json", StringComparison.Ordinal)
                || f.EndsWith("-report.json", StringComparison.Ordinal))
            .OrderBy(File.GetLastWriteTimeUtc)
            .ToList();
        if (reports.Count == 0)
        {
            Console.Error.WriteLine($"no BenchmarkDotNet JSON reports (*-report*.json) under {resultsDir}");
            return 2;
        }

        var measured = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(File.ReadAllBytes(report));
            }
            catch (JsonException ex)
            {
                Console.Error.WriteLine($"report {report} is not valid JSON: {ex.Message}");
                return 2;
            }

            using var _ = doc;
            if (!doc.RootElement.TryGetProperty("Benchmarks", out var benchmarks) || benchmarks.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var b in benchmarks.EnumerateArray())
            {
                if (b.ValueKind != JsonValueKind.Object || !b.TryGetProperty("FullName", out var fullName) || fullName.GetString() is not { Length: > 0 } name)
                {
                    Console.Error.WriteLine($"report {report} has a benchmark without a FullName; is it a BenchmarkDotNet JSON report?");
                    return 2;
                }

                long? bytes = b.TryGetProperty("Memory", out var memory)
                    && memory.ValueKind == JsonValueKind.Object
                    && memory.TryGetProperty("BytesAllocatedPerOperation", out var value)
                    && value.ValueKind == JsonValueKind.Number
                        ? value.GetInt64()
                        : null;
                measured[name] = bytes;
            }
        }

        Console.WriteLine($"Budgets: {budgetsPath}");
        Console.WriteLine($"Reports: {string.Join(", ", reports.Select(Path.GetFileName))}");
        Console.WriteLine();
        if (measured.Count == 0)
        {
            Console.Error.WriteLine($"the reports under {resultsDir} hold no benchmarks; run the benchmarks first.");
            return 2;
        }

        var width = Math.Max("Benchmark".Length, measured.Keys.Concat(budgets.Keys).Max(k => k.Length));
        Console.WriteLine($"| {"Benchmark".PadRight(width)} | {"Allocated B/op",14} | {"Budget B/op",11} | Result      |");
        Console.WriteLine($"|{new string('-', width + 2)}|{new string('-', 16)}|{new string('-', 13)}|-------------|");
        var failures = 0;
        foreach (var (name, bytes) in measured.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var hasBudget = budgets.TryGetValue(name, out var budget);
            string result;
            if (bytes is null)
            {
                result = "NO MEMORY";
                failures++;
            }
            else if (!hasBudget)
            {
                result = "NO BUDGET";
                failures++;
            }
            else if (bytes > budget)
            {
                result = "OVER";
                failures++;
            }
            else
            {
                result = "ok";
            }

            Console.WriteLine($"| {name.PadRight(width)} | {Format(bytes),14} | {(hasBudget ? Format(budget) : "-"),11} | {result,-11} |");
        }

        foreach (var name in budgets.Keys.Where(k => !measured.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            Console.WriteLine($"| {name.PadRight(width)} | {"-",14} | {Format(budgets[name]),11} | {"not run",-11} |");
        }

        Console.WriteLine();
        Console.WriteLine(failures == 0
            ? $"PASS: {measured.Count} benchmark(s) within their allocation budgets."
            : $"FAIL: {failures} of {measured.Count} benchmark(s) over budget, without a budget, or without memory data.");
        return failures == 0 ? 0 : 1;
    }

    private static string Format(long? bytes) => bytes?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a";
}
