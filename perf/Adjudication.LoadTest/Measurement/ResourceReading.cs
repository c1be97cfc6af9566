namespace Adjudication.LoadTest.Measurement;

/// <summary>
/// Cumulative resource counters at one instant: the node's allocated bytes and processor time (null when the node shares
/// the generator's process), Redis's processor time (null when unreadable), and this process's processor time and GC
/// pauses (which include the nodes' in <c>--network</c> mode).
/// </summary>
public readonly record struct ResourceReading(
    long? NodeAllocatedBytes, long? NodeCpuMicros, long? NodeGcPauseMicros, long? RedisCpuMicros, long GeneratorCpuMicros, long GeneratorGcPauseMicros);
