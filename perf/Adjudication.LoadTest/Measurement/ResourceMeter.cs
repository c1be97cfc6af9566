using System.Globalization;
using Adjudication.Contracts.V1;
using StackExchange.Redis;

namespace Adjudication.LoadTest.Measurement;

/// <summary>
/// Reads the counters a run's cost is computed from: the node's over <c>DiagnosticsService.ReadCounters</c>, Redis's
/// <c>INFO cpu</c>, and this process's <see cref="Environment.CpuUsage"/>. Read around each measured run, never during it.
/// </summary>
public sealed class ResourceMeter(DiagnosticsService.DiagnosticsServiceClient? node, IServer? redis)
{
    /// <summary>Reads every counter once; the counters of a side that was not given (no node, no Redis) are null.</summary>
    public async Task<ResourceReading> ReadAsync()
    {
        long? allocated = null, nodeCpu = null, nodePause = null, redisCpu = null;
        if (node is not null)
        {
            var counters = await node.ReadCountersAsync(new ReadCountersRequest());
            (allocated, nodeCpu, nodePause) = (counters.AllocatedBytes, counters.CpuTimeMicros, counters.GcPauseMicros);
        }

        if (redis is not null)
        {
            // used_cpu_sys and used_cpu_user, in seconds with microsecond precision, of the whole server process.
            var cpu = (await redis.InfoAsync("cpu")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            redisCpu = Micros(cpu, "used_cpu_sys") + Micros(cpu, "used_cpu_user");
        }

        return new ResourceReading(
            allocated, nodeCpu, nodePause, redisCpu, (long)Environment.CpuUsage.TotalTime.TotalMicroseconds, (long)GC.GetTotalPauseDuration().TotalMicroseconds);
    }

    private static long Micros(Dictionary<string, string> info, string key) =>
        (long)(double.Parse(info[key], CultureInfo.InvariantCulture) * 1_000_000);
}
