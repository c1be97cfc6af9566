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

    public string Name => name;

    public string Simulation => simulation;

    public int Ok => Volatile.Read(ref _ok);

    public int Failed => Volatile.Read(ref _failed);

    public double OfferedRate { get; set; }

    public double AchievedRate { get; set; }

    /// <summary>What a call cost the node, Redis and the generator during the measured run; null for a warm-up.</summary>
    public CallCost? Cost { get; set; }

    public IReadOnlyDictionary<string, int> Errors => _errors;

    public void Success(long micros)
    {
        _latency.RecordValue(Math.Max(1, micros));
        Interlocked.Increment(ref _ok);
    }

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
