using System.Collections.Concurrent;
using Adjudication.LoadTest.Measurement;
using Grpc.Core;
using HdrHistogram;

namespace Adjudication.LoadTest.Reporting;

/// <summary>Per-scenario counters: an HdrHistogram of latencies in microseconds, successes and failures by status and reason.</summary>
public sealed class ScenarioStats(string name, string simulation)
{
    private readonly LongConcurrentHistogram _latency = new(1, 60_000_000, 3);
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private int _ok;
    private int _failed;

    /// <summary>The scenario's name, e.g. <c>settle-local</c>.</summary>
    public string Name => name;

    /// <summary>The load model it ran under (open: a fixed arrival rate, closed: a fixed concurrency), as the simulation names itself.</summary>
    public string Simulation => simulation;

    /// <summary>Calls that succeeded.</summary>
    public int Ok => Volatile.Read(ref _ok);

    /// <summary>Calls that failed, by any status.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Calls per second the open model offered; 0 for the closed model.</summary>
    public double OfferedRate { get; set; }

    /// <summary>Calls per second that completed.</summary>
    public double AchievedRate { get; set; }

    /// <summary>What a call cost the node, Redis and the generator during the measured run; null for a warm-up.</summary>
    public CallCost? Cost { get; set; }

    /// <summary>Failed calls by <c>status/reason</c> (or exception type when the call got no status).</summary>
    public IReadOnlyDictionary<string, int> Errors => _errors;

    /// <summary>Records a successful call that took <paramref name="micros"/> microseconds.</summary>
    public void Success(long micros)
    {
        _latency.RecordValue(Math.Max(1, micros));
        Interlocked.Increment(ref _ok);
    }

    /// <summary>Records a failed call under its status and ErrorInfo reason.</summary>
    public void Failure(Exception error)
    {
        var key = error is RpcException rpc
            ? $"{rpc.StatusCode}/{rpc.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? "-"}"
            : error.GetType().Name;
        _errors.AddOrUpdate(key, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _failed);
    }

    /// <summary>Latency at a percentile, in milliseconds.</summary>
    public double Percentile(double p) => _latency.TotalCount == 0 ? 0 : _latency.GetValueAtPercentile(p) / 1000.0;
}
