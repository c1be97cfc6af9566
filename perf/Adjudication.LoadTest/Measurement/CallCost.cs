namespace Adjudication.LoadTest.Measurement;

/// <summary>
/// What one call cost during a measured run, averaged over its calls: bytes the node allocated and processor time of the
/// node, of Redis and of the generator (in <c>--network</c> mode the generator's process also runs every node). On a
/// machine whose cores are all busy, these costs, not the network, set the maximum rate. The GC pauses are the run's
/// totals in milliseconds (not per call): a pause stops every call in flight, so it shows in the tail percentiles.
/// </summary>
public sealed record CallCost(double? NodeBytes, double? NodeCpuMicros, double? RedisCpuMicros, double GeneratorCpuMicros, double? NodeGcPauseMillis, double GeneratorGcPauseMillis)
{
    /// <summary>The cost of <paramref name="calls"/> calls between two readings.</summary>
    public static CallCost Between(ResourceReading before, ResourceReading after, int calls) => new(
        PerCall(before.NodeAllocatedBytes, after.NodeAllocatedBytes, calls),
        PerCall(before.NodeCpuMicros, after.NodeCpuMicros, calls),
        PerCall(before.RedisCpuMicros, after.RedisCpuMicros, calls),
        (double)(after.GeneratorCpuMicros - before.GeneratorCpuMicros) / calls,
        Millis(before.NodeGcPauseMicros, after.NodeGcPauseMicros),
        (after.GeneratorGcPauseMicros - before.GeneratorGcPauseMicros) / 1_000.0);

    private static double? Millis(long? beforeMicros, long? afterMicros) =>
        beforeMicros is { } b && afterMicros is { } a ? (a - b) / 1_000.0 : null;

    private static double? PerCall(long? before, long? after, int calls) =>
        before is { } b && after is { } a ? (double)(a - b) / calls : null;
}
