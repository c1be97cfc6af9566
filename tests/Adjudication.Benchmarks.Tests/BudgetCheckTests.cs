using System.Globalization;
using System.Text.Json;

namespace Adjudication.Benchmarks.Tests;

/// <summary>
/// <see cref="BudgetCheck.Run"/> against a BenchmarkDotNet JSON report shaped like the ones the suite writes to
/// <c>BenchmarkDotNet.Artifacts/results</c>, and a budgets.json like the checked-in one.
/// </summary>
/// <remarks>
/// Every test swaps <see cref="Console.Out"/> and <see cref="Console.Error"/>, which are process-wide; they all live in
/// this one class because xunit runs a class's tests one after another.
/// </remarks>
public sealed class BudgetCheckTests : IDisposable
{
    private const string EmployeeInpatient = "Adjudication.Benchmarks.Engine.SettlementBenchmarks.EmployeeInpatient";
    private const string ResidentInpatient = "Adjudication.Benchmarks.Engine.SettlementBenchmarks.ResidentInpatient";
    private const string ReportName = "Adjudication.Benchmarks.Engine.SettlementBenchmarks-report-full-compressed.json";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "budget-check-tests-" + Guid.NewGuid().ToString("N"));
    private readonly string _resultsDir;
    private readonly string _budgetsPath;

    public BudgetCheckTests()
    {
        _resultsDir = Directory.CreateDirectory(Path.Combine(_root, "BenchmarkDotNet.Artifacts", "results")).FullName;
        _budgetsPath = Path.Combine(_root, "budgets.json");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Run_AllocationOverBudget_ReturnsOneAndNamesTheBenchmark()
    {
        // Arrange: one benchmark allocates twice its budget; its sibling sits exactly on its budget.
        WriteReport((EmployeeInpatient, 2048), (ResidentInpatient, 0));
        WriteBudgets((EmployeeInpatient, 1024), (ResidentInpatient, 0));

        // Act
        var (exitCode, output, error) = RunCaptured();

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Equal([EmployeeInpatient, "2,048", "1,024", "OVER"], Row(output, EmployeeInpatient));
        Assert.Equal([ResidentInpatient, "0", "0", "ok"], Row(output, ResidentInpatient));
        Assert.Contains("FAIL: 1 of 2 benchmark(s) over budget, without a budget, or without memory data.", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Run_AllocationWithinBudget_ReturnsZero()
    {
        // Arrange: one benchmark under its budget, one exactly on it (the budget is inclusive).
        WriteReport((EmployeeInpatient, 64), (ResidentInpatient, 64));
        WriteBudgets((EmployeeInpatient, 1024), (ResidentInpatient, 64));

        // Act
        var (exitCode, output, error) = RunCaptured();

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Equal([EmployeeInpatient, "64", "1,024", "ok"], Row(output, EmployeeInpatient));
        Assert.Equal([ResidentInpatient, "64", "64", "ok"], Row(output, ResidentInpatient));
        Assert.Contains("PASS: 2 benchmark(s) within their allocation budgets.", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Run_BenchmarkWithoutBudget_ReturnsOne()
    {
        // Arrange: both benchmarks allocate nothing, but only one has a budget.
        WriteReport((EmployeeInpatient, 0), (ResidentInpatient, 0));
        WriteBudgets((ResidentInpatient, 0));

        // Act
        var (exitCode, output, error) = RunCaptured();

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Equal([EmployeeInpatient, "0", "-", "NO BUDGET"], Row(output, EmployeeInpatient));
        Assert.Equal([ResidentInpatient, "0", "0", "ok"], Row(output, ResidentInpatient));
        Assert.Contains("FAIL: 1 of 2 benchmark(s) over budget, without a budget, or without memory data.", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Run_NoReports_ReturnsTwo()
    {
        // Arrange: budgets and results folder exist, but the folder holds only the markdown export, no JSON report.
        WriteBudgets((EmployeeInpatient, 0));
        File.WriteAllText(
            Path.Combine(_resultsDir, "Adjudication.Benchmarks.Engine.SettlementBenchmarks-report-github.md"),
            "| Method            | Mean     | Allocated |\n|------------------ |---------:|----------:|\n| EmployeeInpatient | 85.45 ns |         - |\n");

        // Act
        var (exitCode, output, error) = RunCaptured();

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Equal($"no BenchmarkDotNet JSON reports (*-report*.json) under {_resultsDir}{Environment.NewLine}", error);
        Assert.Equal(string.Empty, output);
    }

    private (int ExitCode, string Output, string Error) RunCaptured()
    {
        var originalOut = Console.Out;
        var originalError = Console.Error;
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            Console.SetOut(output);
            Console.SetError(error);
            var exitCode = BudgetCheck.Run(_resultsDir, _budgetsPath);
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }

    /// <summary>The cells of the one table row for <paramref name="benchmark"/>: name, allocated, budget, result.</summary>
    private static string[] Row(string output, string benchmark)
    {
        var line = Assert.Single(
            output.Split(Environment.NewLine),
            l => l.StartsWith("| " + benchmark + " ", StringComparison.Ordinal));
        return line.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private void WriteBudgets(params (string FullName, long BytesPerOp)[] budgets)
    {
        var map = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (fullName, bytes) in budgets)
        {
            map.Add(fullName, bytes);
        }

        File.WriteAllText(_budgetsPath, JsonSerializer.Serialize(map));
    }

    /// <summary>A report with the fields BenchmarkDotNet 0.15.8's full JSON exporter writes (fewer measurements).</summary>
    private void WriteReport(params (string FullName, long BytesPerOp)[] benchmarks)
    {
        var entries = new List<string>();
        foreach (var (fullName, bytes) in benchmarks)
        {
            var method = fullName[(fullName.LastIndexOf('.') + 1)..];
            var allocated = bytes.ToString(CultureInfo.InvariantCulture);
            entries.Add($$$"""
                {"DisplayInfo":"SettlementBenchmarks.{{{method}}}: Short(IterationCount=5, IterationTime=200ms, LaunchCount=1, WarmupCount=3)",
                 "Namespace":"Adjudication.Benchmarks.Engine","Type":"SettlementBenchmarks","Method":"{{{method}}}","MethodTitle":"{{{method}}}",
                 "Parameters":"","FullName":"{{{fullName}}}",
                 "HardwareIntrinsics":"AVX2+BMI1+BMI2+F16C+FMA+LZCNT+MOVBE,AVX,SSE3+SSSE3+SSE4.1+SSE4.2+POPCNT,X86Base+SSE+SSE2,AES+PCLMUL VectorSize=256",
                 "Statistics":{"OriginalValues":[79.87,82.97,88.76,89.97,85.64],"N":5,"Min":79.87,"Median":85.64,"Mean":85.44,"Max":89.97,"StandardError":1.85,"StandardDeviation":4.14},
                 "Memory":{"Gen0Collections":6,"Gen1Collections":0,"Gen2Collections":0,"TotalOperations":1632992,"BytesAllocatedPerOperation":{{{allocated}}}},
                 "Measurements":[
                  {"IterationMode":"Overhead","IterationStage":"Jitting","LaunchIndex":1,"IterationIndex":1,"Operations":1,"Nanoseconds":280112},
                  {"IterationMode":"Workload","IterationStage":"Result","LaunchIndex":1,"IterationIndex":5,"Operations":2386560,"Nanoseconds":204407910}],
                 "Metrics":[
                  {"Value":0,"Descriptor":{"Id":"Gen0Collects","DisplayName":"Gen0","Legend":"GC Generation 0 collects per 1000 operations","NumberFormat":"#0.0000","UnitType":0,"Unit":"Count","TheGreaterTheBetter":false,"PriorityInCategory":0}},
                  {"Value":{{{allocated}}},"Descriptor":{"Id":"Allocated Memory","DisplayName":"Allocated","Legend":"Allocated memory per single operation (managed only, inclusive, 1KB = 1024B)","NumberFormat":"0.##","UnitType":2,"Unit":"B","TheGreaterTheBetter":false,"PriorityInCategory":3}}]}
                """);
        }

        File.WriteAllText(Path.Combine(_resultsDir, ReportName), $$"""
            {"Title":"BenchmarkRun-joined-2026-11-24-14-41-18",
             "HostEnvironmentInfo":{"BenchmarkDotNetCaption":"BenchmarkDotNet","BenchmarkDotNetVersion":"0.15.8","OsVersion":"Linux Debian GNU/Linux 12 (bookworm)",
              "ProcessorName":"AMD EPYC","PhysicalProcessorCount":1,"PhysicalCoreCount":2,"LogicalCoreCount":2,"RuntimeVersion":".NET 10.0.12 (10.0.12, 10.0.1226.42308)",
              "Architecture":"X64","HasAttachedDebugger":false,"HasRyuJit":true,"Configuration":"RELEASE","DotNetCliVersion":"10.0.401",
              "ChronometerFrequency":{"Hertz":1000000000},"HardwareTimerKind":"Unknown"},
             "Benchmarks":[{{string.Join(",", entries)}}]}
            """);
    }
}
