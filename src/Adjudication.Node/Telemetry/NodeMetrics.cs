using System.Diagnostics;
using System.Diagnostics.Metrics;
using Adjudication.Node.Hosting;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Adjudication.Node.Telemetry;

/// <summary>
/// The node's instruments (DESIGN.md §9). Every measurement names its node (<c>adjudication.node</c>): OpenTelemetry
/// listens to meters by name across the whole process, so where several nodes share one (the local network, the
/// tests) each node's exporter sees them all, and the node label keeps them apart; one node per process in production
/// makes it a constant label. The instruments are the process's, made once: with one per node (from each host's meter
/// factory) an exporter took a second instrument of the same name as a duplicate and kept only one node's measurements.
/// </summary>
internal sealed class NodeMetrics(IOptions<NodeOptions> options)
{
    // Settles take milliseconds; a hop that hangs takes seconds: boundaries from 0.5 ms to 10 s.
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

    // gRPC status codes boxed once, so a measurement's tag costs no allocation.
    private static readonly object[] StatusCodes = [.. Enumerable.Range(0, 17).Select(code => (object)code)];

    private static readonly Meter Meter = new(NodeTelemetry.Name);

    private static readonly Histogram<double> Calls = Meter.CreateHistogram(
        "adjudication.rpc.server.duration", "s", "Calls answered by a node, by method, status and refusal reason, and how long each took.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    private static readonly Histogram<double> Hops = Meter.CreateHistogram(
        "adjudication.relay.hop.duration", "s", "Calls a node sent to a neighbour (one attempt at one address), by peer, method and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    private readonly string _node = options.Value.Id.Length > 0 ? options.Value.Id : options.Value.Admdvs;

    /// <summary>One call answered: its method, gRPC status, reason (empty when OK) and time since <paramref name="startedTimestamp"/>.</summary>
    public void CallAnswered(string method, StatusCode status, string reason, long startedTimestamp)
    {
        if (Calls.Enabled)
        {
            Calls.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new TagList
            {
                { NodeTelemetry.NodeAttribute, _node },
                { "rpc.method", method },
                { "rpc.grpc.status_code", (int)status is >= 0 and < 17 ? StatusCodes[(int)status] : (int)status },
                { "adjudication.reason", reason },
            });
        }
    }

    /// <summary>One attempt to call a neighbour: which, what, how it ended ("OK" or the status code) and how long it took.</summary>
    public void HopAttempted(string peer, string method, string outcome, long startedTimestamp)
    {
        if (Hops.Enabled)
        {
            Hops.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new TagList
            {
                { NodeTelemetry.NodeAttribute, _node },
                { "adjudication.peer", peer },
                { "rpc.method", method },
                { "adjudication.outcome", outcome },
            });
        }
    }

    /// <summary>Reports the outbox backlog (entries written and not yet applied, DESIGN.md §6, §9) from <paramref name="backlog"/>.</summary>
    public void ObserveOutbox(Func<long> backlog) =>
        Meter.CreateObservableGauge("adjudication.outbox.backlog", () => new Measurement<long>(backlog(), new KeyValuePair<string, object?>(NodeTelemetry.NodeAttribute, _node)),
            "{entry}", "Outbox entries written by commits and not yet applied (ledger bookings, filing pushes).");

    /// <summary>
    /// Reports each insured province's prepayment usage in basis points (DESIGN.md §9, §11) from <paramref name="usage"/>:
    /// province, usage and warning level as the national node last booked them.
    /// </summary>
    public void ObservePrepayment(Func<IEnumerable<(string Province, long UsageBp, string Level)>> usage) =>
        Meter.CreateObservableGauge("adjudication.prepayment.usage", () => usage().Select(u => new Measurement<long>(u.UsageBp,
            new KeyValuePair<string, object?>(NodeTelemetry.NodeAttribute, _node),
            new KeyValuePair<string, object?>("adjudication.province", u.Province),
            new KeyValuePair<string, object?>("adjudication.level", u.Level))),
            "{bp}", "Prepayment usage of each insured province: advanced and not repaid over the prepayment, basis points (-1 without one).");
}
