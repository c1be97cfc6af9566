using System.Diagnostics;
using Adjudication.Domain.Errors;
using Adjudication.Node.Hosting;
using Adjudication.Node.Security;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Adjudication.Node.Network;

/// <summary>
/// Sends node-to-node calls along the route of DESIGN.md §3: a call starts here (<see cref="SendAsync{TResponse}"/>)
/// or passes through (<see cref="ForwardAsync"/>), and in both cases goes to the next hop toward the target with the
/// caller's deadline and cancellation. A node started without a topology is not connected and routes nothing.
/// </summary>
internal sealed class NetworkClient(PeerClients peers, IOptions<NodeOptions> options, Router? router = null)
{
    private const string TraceParent = "traceparent";
    private const string TraceState = "tracestate";
    private readonly TimeSpan _defaultDeadline = options.Value.RelayTimeout;
    private readonly string _self = CallerIdentity.Node(options.Value.Id).ToUri();

    /// <summary>Whether the node is part of a network (it was started with a topology).</summary>
    public bool IsConnected => router is not null;

    /// <summary>This node's place in the topology; null when not connected.</summary>
    public Router? Router => router;

    /// <summary>The next hop toward <paramref name="target"/>; refuses with NO_ROUTE when no node serves it.</summary>
    public Route RouteTo(string target)
    {
        if (router is null)
        {
            throw Refusal(Reasons.NoRoute, $"This node runs without a topology and serves only {options.Value.Admdvs}; {target} is reached through the network.");
        }

        try
        {
            return router.NextHop(target);
        }
        catch (NoRouteException ex)
        {
            throw Refusal(Reasons.NoRoute, ex.Message);
        }
    }

    /// <summary>Starts a call for <paramref name="target"/> here and parses its answer.</summary>
    public async Task<TResponse> SendAsync<TResponse>(string method, string target, IMessage request, MessageParser<TResponse> parser, ServerCallContext? inbound)
        where TResponse : IMessage<TResponse> =>
        parser.ParseFrom(await SendForBytesAsync(method, target, request, inbound).ConfigureAwait(false));

    /// <summary>Starts a call for <paramref name="target"/> here and returns its answer's bytes, for a caller that keeps them as they are.</summary>
    public Task<byte[]> SendForBytesAsync(string method, string target, IMessage request, ServerCallContext? inbound)
    {
        var route = RouteTo(target);
        if (route.IsLocal)
        {
            throw new InvalidOperationException($"{method} for {target} is served by this node itself and must not be sent over the network");
        }

        return ForwardAsync(route.Peer!, method, request.ToByteArray(), target, inbound);
    }

    /// <summary>
    /// Sends request bytes to <paramref name="peer"/> unchanged and returns its answer's bytes unchanged. The call
    /// carries who it acts for (DESIGN.md §8): the caller of <paramref name="inbound"/> and the node where it entered the
    /// network, or this node itself for a call it makes on its own (a background filing push).
    /// </summary>
    public Task<byte[]> ForwardAsync(TopologyNode peer, string method, byte[] body, string target, ServerCallContext? inbound) =>
        peers.CallAsync(peer, RawMethods.ByName[method], body, HeadersFor(peer, target, inbound), DeadlineOf(inbound), RawMethods.MayCommit(method, body), inbound?.CancellationToken ?? CancellationToken.None);

    /// <summary>
    /// Sends a client-streaming call (a catalog version in parts) to <paramref name="peer"/>, as
    /// <see cref="ForwardAsync"/> sends a unary one: same headers, deadline and failover between the peer's addresses.
    /// </summary>
    public Task<byte[]> StreamAsync(TopologyNode peer, string method, IReadOnlyList<byte[]> parts, string target, ServerCallContext? inbound) =>
        peers.StreamAsync(peer, RawMethods.ByName[method], parts, HeadersFor(peer, target, inbound), DeadlineOf(inbound), inbound?.CancellationToken ?? CancellationToken.None);

    // The caller's deadline bounds every hop; a call without one gets the node's relay timeout, so no hop waits forever.
    private DateTime DeadlineOf(ServerCallContext? inbound) =>
        inbound is { Deadline: var d } && d != DateTime.MaxValue ? d : DateTime.UtcNow + _defaultDeadline;

    private Metadata HeadersFor(TopologyNode peer, string target, ServerCallContext? inbound)
    {
        var call = inbound.Authenticated();
        var headers = new Metadata
        {
            { NetworkHeaders.Target, target },
            { NetworkHeaders.Caller, call?.Caller.ToUri() ?? _self },
            { NetworkHeaders.Origin, call?.OriginNode ?? options.Value.Id },
        };

        // The next hop's span is the child of this node's span (W3C traceparent/tracestate, DESIGN.md §9), and this
        // node's span names the hop it went to.
        if (Activity.Current is { } span)
        {
            if (span.IsAllDataRequested)
            {
                span.SetTag("adjudication.next_hop", peer.Id);
            }

            DistributedContextPropagator.Current.Inject(span, headers, static (carrier, name, value) =>
            {
                if (value is not null)
                {
                    ((Metadata)carrier!).Add(name, value);
                }
            });
        }
        else if (inbound?.RequestHeaders.GetValue(TraceParent) is { } traceparent)
        {
            // This node records nothing (no exporter), so it has no span: the caller's trace context travels on as it
            // came, and the nodes further on that do record stay in the caller's trace.
            headers.Add(TraceParent, traceparent);
            if (inbound.RequestHeaders.GetValue(TraceState) is { } tracestate)
            {
                headers.Add(TraceState, tracestate);
            }
        }

        return headers;
    }

    private static AdjudicationException Refusal(string reason, string message) => new(ErrorKind.FailedPrecondition, reason, message);
}
