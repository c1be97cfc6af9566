using Adjudication.Contracts.V1;
using System.Collections.Concurrent;
using Adjudication.Domain.Errors;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Adjudication.Node.Hosting;
using Adjudication.Node.Security;
using Adjudication.Node.Telemetry;

namespace Adjudication.Node.Network;

/// <summary>
/// One long-lived HTTP/2 channel per peer address, created on first use and kept for the node's lifetime. A peer with
/// several addresses (active and standby) is called at the address that last answered; when that address cannot be
/// reached the next one is tried, and when none can the call fails with UNAVAILABLE naming the hop (DESIGN.md §3).
/// </summary>
internal sealed class PeerClients(NodeCredentials? credentials, string selfId, TimeSpan attemptTimeout, NodeMetrics metrics) : IDisposable
{
    private static readonly TimeSpan MaxReserve = TimeSpan.FromMilliseconds(500);

    // How long a connection to a peer takes new calls before a new one (a new handshake) replaces it.
    private static readonly TimeSpan PeerConnectionLifetime = TimeSpan.FromMinutes(5);
    private const string StatusDetailsTrailer = "grpc-status-details-bin";
    private readonly ConcurrentDictionary<string, (GrpcChannel Channel, CallInvoker Invoker)> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _preferred = new(StringComparer.Ordinal);
    private readonly string _devIdentity = CallerIdentity.Node(selfId).ToUri();

    /// <summary>
    /// Calls <paramref name="method"/> on <paramref name="peer"/> with the request bytes; returns the response bytes.
    /// Each address gets its share of the time left before <paramref name="deadline"/> (at most
    /// <see cref="NodeOptions.HopAttemptTimeout"/>), so a hop that accepts the call and never answers is left for the
    /// next address, and the caller hears which hop failed before its own deadline (DESIGN.md §7). When an attempt
    /// reached the peer and timed out, a call that <paramref name="mayCommit"/> may have taken effect beyond it, and the
    /// refusal says so (OUTCOME_UNKNOWN) instead of claiming nothing was committed.
    /// </summary>
    public Task<byte[]> CallAsync(
        TopologyNode peer, Method<byte[], byte[]> method, byte[] request, Metadata headers, DateTime deadline, bool mayCommit, CancellationToken cancellationToken) =>
        AttemptEachAddressAsync(peer, method.Name, headers, deadline, mayCommit, async (invoker, options) =>
        {
            using var call = invoker.AsyncUnaryCall(method, null, options, request);
            return await call.ResponseAsync.ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Sends a client-streaming call: every part of <paramref name="parts"/>, then the answer. Addresses are tried as by
    /// <see cref="CallAsync"/>; a streamed call always may commit (it publishes).
    /// </summary>
    public Task<byte[]> StreamAsync(
        TopologyNode peer, Method<byte[], byte[]> method, IReadOnlyList<byte[]> parts, Metadata headers, DateTime deadline, CancellationToken cancellationToken) =>
        AttemptEachAddressAsync(peer, method.Name, headers, deadline, mayCommit: true,
            (invoker, options) => invoker.AsyncClientStreamingCall(method, null, options).SendAllAsync(parts), cancellationToken);

    private async Task<byte[]> AttemptEachAddressAsync(
        TopologyNode peer, string method, Metadata headers, DateTime deadline, bool mayCommit, Func<CallInvoker, CallOptions, Task<byte[]>> attempt, CancellationToken cancellationToken)
    {
        var addresses = peer.Addresses;
        var first = _preferred.GetValueOrDefault(peer.Id);
        RpcException? failure = null;
        var timedOut = false;
        if (credentials is null)
        {
            // Development mode: no certificate to present, so the node names itself (loopback only, see NodeTransport).
            headers.Add(NetworkHeaders.DevIdentity, _devIdentity);
        }

        for (var i = 0; i < addresses.Count; i++)
        {
            var index = (first + i) % addresses.Count;
            var attemptDeadline = AttemptDeadline(deadline, addresses.Count - i);
            var invoker = InvokerFor(peer.Id, addresses[index]);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                var response = await attempt(invoker, new CallOptions(headers, attemptDeadline, cancellationToken)).ConfigureAwait(false);
                metrics.HopAttempted(peer.Id, method, "OK", started);
                _preferred[peer.Id] = index;
                return response;
            }
            catch (RpcException ex) when (Measured(ex, peer.Id, method, started)
                && (IsUnreachable(ex) || (ex.StatusCode == StatusCode.Cancelled && !cancellationToken.IsCancellationRequested)))
            {
                // Refused, reset, or the connection or its TLS handshake timed out: the request never reached the peer.
                failure = ex;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded && attemptDeadline < deadline && !cancellationToken.IsCancellationRequested)
            {
                // This attempt's share ran out, not the caller's deadline: the hop hangs; the next address may answer.
                failure = ex;
                timedOut = true;
            }
            catch (RpcException ex)
            {
                throw Relayed(ex);
            }
        }

        var where = $"The {peer} did not answer at {string.Join(", ", addresses)} ({failure?.Status.Detail ?? "no address configured"}).";
        throw timedOut && mayCommit
            ? new AdjudicationException(ErrorKind.Unavailable, Reasons.OutcomeUnknown,
                $"{where} The call reached it and may have been committed beyond it. Retry with the same msgid, which returns the stored result and never pays twice, or reverse it (2601) by that msgid.")
            : new AdjudicationException(ErrorKind.Unavailable, Reasons.HopUnavailable,
                $"{where} Nothing was committed past it unless an earlier attempt got through; retry with the same msgid, which never pays twice.");
    }

    // The caller's time left, less a reserve to send the refusal back; while another address is left to try, an
    // attempt gets its share of that, capped, and the last address gets all of it. A hop further down receives this
    // attempt's deadline and keeps its own reserve inside it, so the hop nearest to a fault times out first and its
    // refusal, naming it, travels back in time.
    private DateTime AttemptDeadline(DateTime deadline, int attemptsLeft)
    {
        var now = DateTime.UtcNow;
        var left = deadline - now;
        if (left <= TimeSpan.Zero)
        {
            return deadline;
        }

        var reserve = TimeSpan.FromTicks(Math.Min(left.Ticks / 10, MaxReserve.Ticks));
        var share = (left - reserve) / attemptsLeft;
        return now + (attemptsLeft == 1 ? left - reserve : share < attemptTimeout ? share : attemptTimeout);
    }

    /// <summary>
    /// True when one of <paramref name="node"/>'s addresses answers SERVING to a health check (grpc.health.v1, which
    /// anyone may call) within <paramref name="timeout"/>; the dashboard shows the network with it.
    /// </summary>
    public async Task<bool> ProbeAsync(TopologyNode node, TimeSpan timeout, CancellationToken cancellationToken)
    {
        foreach (var address in node.Addresses)
        {
            var headers = new Metadata();
            if (credentials is null)
            {
                headers.Add(NetworkHeaders.DevIdentity, _devIdentity);
            }

            try
            {
                var reply = await new Health.HealthClient(InvokerFor(node.Id, address))
                    .CheckAsync(new HealthCheckRequest(), headers, DateTime.UtcNow + timeout, cancellationToken).ConfigureAwait(false);
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return true;
                }
            }
            catch (RpcException)
            {
                // Down, unreachable or not serving at this address: the next one may answer.
            }
        }

        return false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (channel, _) in _channels.Values)
        {
            channel.Dispose();
        }
    }

    // Records the failed attempt; always true, so it can lead the exception filter that decides what the failure means.
    private bool Measured(RpcException ex, string peer, string method, long started)
    {
        metrics.HopAttempted(peer, method, ex.StatusCode.ToString(), started);
        return true;
    }

    // A peer that answered always attaches ErrorInfo (google.rpc.Status) to its errors; UNAVAILABLE without it comes
    // from the transport: the address refused or dropped the connection, so another address may serve.
    private static bool IsUnreachable(RpcException ex) =>
        ex.StatusCode == StatusCode.Unavailable && ex.Trailers.GetValueBytes(StatusDetailsTrailer) is null;

    // A downstream node's answer travels back unchanged: code, message and the rich details.
    private static RpcException Relayed(RpcException ex)
    {
        var trailers = new Metadata();
        foreach (var entry in ex.Trailers)
        {
            if (!entry.Key.StartsWith("grpc-", StringComparison.Ordinal) || entry.Key == StatusDetailsTrailer)
            {
                trailers.Add(entry);
            }
        }

        return new RpcException(ex.Status, trailers);
    }

    // The invoker is made once with its channel: a relay must not build one per forwarded call. Over TLS the node
    // presents its own certificate and accepts only the peer it meant to call: a certificate of the network's CA that
    // names that node (DESIGN.md §8), whatever host name the address uses.
    private CallInvoker InvokerFor(string peerId, string address) => _channels.GetOrAdd(address, (a, id) =>
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            // A connection is replaced after a while, its calls finishing on it: the new handshake checks the peer's
            // certificate again, so one the CA revoked since is no longer called within that time (TlsOptions.Crl).
            PooledConnectionLifetime = PeerConnectionLifetime,
            // A connection whose peer stopped answering is found out between calls too, not only by a call's deadline.
            KeepAlivePingDelay = TimeSpan.FromSeconds(5),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(3),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            // The trace context goes in the call's headers from the node's own span (NetworkClient), not from the
            // HTTP handler: its per-request activity is recorded by no one, and a next hop parented by it would point
            // at a span no exporter ever sees.
            ActivityHeadersPropagator = null,
        };
        if (credentials is not null)
        {
            var expected = CallerIdentity.Node(id);
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [credentials.Certificate],
                // With a revocation list, each new connection checks the peer's certificate in full, never on a resumed session.
                AllowTlsResume = !credentials.Revocations.IsConfigured,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is X509Certificate2 presented && credentials.Trusts(presented)
                    && CertificateAuthority.Allows(presented, CertificateAuthority.ServerAuthentication) && CallerIdentity.FromCertificate(presented) == expected,
            };
        }

        var channel = GrpcChannel.ForAddress(a, new GrpcChannelOptions { HttpHandler = handler });
        return (channel, channel.CreateCallInvoker());
    }, peerId).Invoker;
}
