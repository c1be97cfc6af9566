using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Adjudication.LoadTest.Simulation;

/// <summary>
/// Sleeps a dedicated thread until a call's intended send time. <c>Task.Delay(1)</c> waits about 4.4 ms on this
/// machine's Linux (its timer fires at that granularity) and <c>Thread.Sleep(1)</c> about 1.1 ms; either would send an
/// open model's calls in bursts and add that wait to every measured latency. <c>usleep</c> wakes within tens of
/// microseconds, without spinning a core the node and Redis need.
/// </summary>
internal static partial class Pacing
{
    public static void SleepUntil(Stopwatch clock, long dueTicks)
    {
        // Sleeps of at most 100 ms, until the due time: a call due later than that is not sent early.
        long micros;
        while ((micros = (dueTicks - clock.ElapsedTicks) * 1_000_000 / Stopwatch.Frequency) > 0)
        {
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                _ = USleep((uint)Math.Min(micros, 100_000));
            }
            else
            {
                Thread.Sleep(TimeSpan.FromMicroseconds(Math.Max(micros, 1_000)));
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);
}
