using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;

namespace Adjudication.Node.Telemetry;

/// <summary>
/// The node's instruments (DESIGN.md §9). Every measurement names its node (<c>adjudication.node</c>): OpenTelemetry
/// listens to meters by name across the whole process, so where several nodes share one (the local network, the
/// tests) each node's exporter sees them all, and the node label keeps them apart. One node per process in production
/// makes it a constant label.
/// </summary>
internal sealed class NodeMetrics
{
    // Settles take milliseconds; a hop that hangs takes seconds: boundaries from 0.5 ms to 10 s.
    // gRPC status codes boxed once, so a measurement's tag costs no allocation.
    private static readonly object[] StatusCodes = [.. Enumerable.Range(0, 17).Select(code => (object)code)];

    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

    private readonly Histogram<double> _calls;
    private readonly Histogram<double> _hops;
    private readonly UpDownCounter<long> _pendingPushes;

    private readonly string _node;

    public NodeMetrics(IMeterFactory meters, Microsoft.Extensions.Options.IOptions<Hosting.NodeOptions> options)
    {
        _node = options.Value.Id.Length > 0 ? options.Value.Id : options.Value.Admdvs;
        var meter = meters.Create(NodeTelemetry.Name);
        var latency = new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets };
        _calls = meter.CreateHistogram("adjudication.rpc.server.duration", "s", "Calls answered by this node, by method, status and refusal reason, and how long each took.", advice: latency);
        _hops = meter.CreateHistogram("adjudication.relay.hop.duration", "s", "Calls this node sent to a neighbour (one attempt at one address), by peer, method and outcome.", advice: latency);
        _pendingPushes = meter.CreateUpDownCounter<long>("adjudication.filing.pushes.pending", "{push}", "Filing pushes that did not get through at write time and wait for a retry.");
    }

    /// <summary>One call answered: its method, gRPC status, reason (empty when OK) and time since <paramref name="startedTimestamp"/>.</summary>
    public void CallAnswered(string method, StatusCode status, string reason, long startedTimestamp) =>
        _calls.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new TagList
        {
            { NodeTelemetry.NodeAttribute, _node },
            { "rpc.method", method },
            { "rpc.grpc.status_code", (int)status is >= 0 and < 17 ? StatusCodes[(int)status] : (int)status },
            { "adjudication.reason", reason },
        });

    /// <summary>One attempt to call a neighbour: which, what, how it ended ("OK" or the status code) and how long it took.</summary>
    public void HopAttempted(string peer, string method, string outcome, long startedTimestamp) =>
        _hops.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new TagList
        {
            { NodeTelemetry.NodeAttribute, _node },
            { "adjudication.peer", peer },
            { "rpc.method", method },
            { "adjudication.outcome", outcome },
        });

    /// <summary>A filing push joined (+1) or left (-1) the retry queue.</summary>
    public void PendingPushes(int change) => _pendingPushes.Add(change, new KeyValuePair<string, object?>(NodeTelemetry.NodeAttribute, _node));
}
