using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Adjudication.Storage;

/// <summary>
/// The store's instruments (DESIGN.md §9): near-cache hits and misses, and how long each commit script took in Redis
/// (the one round trip of a settle on the hot path, DESIGN.md §6). One meter for the process: where several nodes share
/// a process (the local network, the tests) their store measurements add up.
/// </summary>
public static class StoreMetrics
{
    /// <summary>Name of the store's <see cref="Meter"/>.</summary>
    public const string MeterName = "Adjudication.Storage";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> CacheLookups = Meter.CreateCounter<long>(
        "adjudication.cache.lookups", "{lookup}", "Near-cache lookups by cache (person, visit) and result (hit, miss).");

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram(
        "adjudication.store.commit.duration", "s", "Commit scripts sent to Redis (settle, cancel, upload, filing, visit writes), by outcome, and their time.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1, 2] });

    internal static void CacheLookup(string cache, bool hit)
    {
        if (CacheLookups.Enabled)
        {
            CacheLookups.Add(1, new KeyValuePair<string, object?>("adjudication.cache", cache), new KeyValuePair<string, object?>("adjudication.result", hit ? "hit" : "miss"));
        }
    }

    internal static void Committed(long startedTimestamp, bool succeeded)
    {
        if (CommitDuration.Enabled)
        {
            CommitDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new KeyValuePair<string, object?>("adjudication.outcome", succeeded ? "ok" : "error"));
        }
    }
}
