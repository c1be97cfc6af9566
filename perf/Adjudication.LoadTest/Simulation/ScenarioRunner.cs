using System.Diagnostics;
using Adjudication.LoadTest.Measurement;
using Adjudication.LoadTest.Reporting;
using Adjudication.LoadTest.Scenarios;
using Spectre.Console;

namespace Adjudication.LoadTest.Simulation;

/// <summary>Runs one scenario under one simulation, with a live status line, and fills its statistics.</summary>
public static class ScenarioRunner
{
    /// <summary>
    /// Prepares (unmeasured), then runs and measures. <paramref name="closedRateEstimate"/> sizes the closed model's
    /// preparation; <paramref name="meter"/>, when given, reads the resource counters before and after the measured run
    /// and fills <see cref="ScenarioStats.Cost"/>.
    /// </summary>
    public static async Task<ScenarioStats> RunAsync(LoadScenario scenario, LoadSimulation simulation, int closedRateEstimate, IAnsiConsole console, ResourceMeter? meter = null)
    {
        var calls = simulation.MaxCalls(closedRateEstimate);
        if (scenario.Prepare is { } prepare)
        {
            console.MarkupLineInterpolated($"[grey]{scenario.Name}: preparing {calls:N0} calls (not measured)…[/]");
            await prepare(calls).ConfigureAwait(false);
        }

        var stats = new ScenarioStats(scenario.Name, simulation.ToString()) { OfferedRate = simulation.Open ? simulation.Rate : 0 };
        var before = meter is null ? default : await meter.ReadAsync().ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var run = simulation.Open ? OpenAsync(scenario, simulation, calls, stats, clock) : ClosedAsync(scenario, simulation, calls, stats, clock);
        // A live line only on a terminal; in a log or CI it would print every refresh, so there one line says what runs.
        if (console.Profile.Capabilities.Interactive)
        {
            await ShowProgressAsync(scenario, simulation, stats, clock, run, console).ConfigureAwait(false);
        }
        else
        {
            console.MarkupLineInterpolated($"[grey]{scenario.Name}: {simulation}…[/]");
        }

        var elapsed = await run.ConfigureAwait(false);
        stats.AchievedRate = (stats.Ok + stats.Failed) / elapsed.TotalSeconds;
        if (meter is not null && stats.Ok + stats.Failed > 0)
        {
            stats.Cost = CallCost.Between(before, await meter.ReadAsync().ConfigureAwait(false), stats.Ok + stats.Failed);
        }
        return stats;
    }

    private static Task ShowProgressAsync(LoadScenario scenario, LoadSimulation simulation, ScenarioStats stats, Stopwatch clock, Task run, IAnsiConsole console) =>
        console.Status().StartAsync(scenario.Name, async status =>
        {
            while (!run.IsCompleted)
            {
                var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
                status.Status($"{scenario.Name} ({simulation}): {stats.Ok:N0} ok, {stats.Failed:N0} failed, {(stats.Ok + stats.Failed) / seconds:N0}/s, p99 {stats.Percentile(99):0.00} ms");
                await Task.WhenAny(run, Task.Delay(250)).ConfigureAwait(false);
            }
        });

    // Open model: call i is due at i / rate seconds; latency counts from that intended time, so a server that falls
    // behind shows its queueing delay instead of slowing the generator down (no coordinated omission). A dedicated
    // thread sends each call at its time (see Pacing); the calls then run on the thread pool.
    private static async Task<TimeSpan> OpenAsync(LoadScenario scenario, LoadSimulation simulation, int calls, ScenarioStats stats, Stopwatch clock)
    {
        var ticksPerCall = (double)Stopwatch.Frequency / simulation.Rate;
        var inFlight = new Task[calls];
        await Task.Factory.StartNew(
            () =>
            {
                for (var next = 0; next < calls; next++)
                {
                    var due = (long)(next * ticksPerCall);
                    Pacing.SleepUntil(clock, due);
                    inFlight[next] = CallAsync(scenario, next, due, stats, clock);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).ConfigureAwait(false);
        await Task.WhenAll(inFlight).ConfigureAwait(false);
        return clock.Elapsed;
    }

    // Closed model: each caller sends its next call when the previous one returns.
    private static async Task<TimeSpan> ClosedAsync(LoadScenario scenario, LoadSimulation simulation, int calls, ScenarioStats stats, Stopwatch clock)
    {
        var next = -1;
        var end = (long)(simulation.Duration.TotalSeconds * Stopwatch.Frequency);
        var callers = Enumerable.Range(0, simulation.Concurrency).Select(async _ =>
        {
            int i;
            while (clock.ElapsedTicks < end && (i = Interlocked.Increment(ref next)) < calls)
            {
                await CallAsync(scenario, i, clock.ElapsedTicks, stats, clock).ConfigureAwait(false);
            }
        });
        await Task.WhenAll(callers).ConfigureAwait(false);
        return clock.Elapsed;
    }

    private static async Task CallAsync(LoadScenario scenario, int index, long intendedTicks, ScenarioStats stats, Stopwatch clock)
    {
        try
        {
            await scenario.Step(index).ConfigureAwait(false);
            stats.Success((clock.ElapsedTicks - intendedTicks) * 1_000_000 / Stopwatch.Frequency);
        }
#pragma warning disable CA1031 // Every failure of a call under load is counted by status and reason, never thrown.
        catch (Exception error)
#pragma warning restore CA1031
        {
            stats.Failure(error);
        }
    }
}
