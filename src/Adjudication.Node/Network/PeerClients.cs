using System.Collections.Concurrent;
using Adjudication.Domain.Errors;
using Grpc.Core;
using Grpc.Net.Client;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Adjudication.Node.Security;

namespace Adjudication.Node.Network;

/// <summary>
/// One long-lived HTTP/2 channel per peer address, created on first use and kept for the node's lifetime. A peer with
/// several addresses (active and standby) is called at the address that last answered; when that address cannot be
/// reached the next one is tried, and when none can the call fails with UNAVAILABLE naming the hop (DESIGN.md §3).
/// </summary>
internal sealed class PeerClients(NodeCredentials? credentials, string selfId) : IDisposable
{
    private const string StatusDetailsTrailer = "grpc-status-details-bin";
    private readonly ConcurrentDictionary<string, (GrpcChannel Channel, CallInvoker Invoker)> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _preferred = new(StringComparer.Ordinal);
    private readonly string _devIdentity = CallerIdentity.Node(selfId).ToUri();

    /// <summary>Calls <paramref name="method"/> on <paramref name="peer"/> with the request bytes; returns the response bytes.</summary>
    public async Task<byte[]> CallAsync(TopologyNode peer, Method<byte[], byte[]> method, byte[] request, Metadata headers, DateTime deadline, CancellationToken cancellationToken)
    {
        var addresses = peer.Addresses;
        var first = _preferred.GetValueOrDefault(peer.Id);
        RpcException? unreachable = null;
        if (credentials is null)
        {
            // Development mode: no certificate to present, so the node names itself (loopback only, see NodeTransport).
            headers.Add(NetworkHeaders.DevIdentity, _devIdentity);
        }

        for (var i = 0; i < addresses.Count; i++)
        {
            var index = (first + i) % addresses.Count;
            var invoker = InvokerFor(peer.Id, addresses[index]);
            try
            {
                using var call = invoker.AsyncUnaryCall(method, null, new CallOptions(headers, deadline, cancellationToken), request);
                var response = await call.ResponseAsync.ConfigureAwait(false);
                _preferred[peer.Id] = index;
                return response;
            }
            catch (RpcException ex) when (IsUnreachable(ex))
            {
                unreachable = ex;
            }
            catch (RpcException ex)
            {
                throw Relayed(ex);
            }
        }

        throw new AdjudicationException(
            ErrorKind.Unavailable,
            Reasons.HopUnavailable,
            $"The {peer} cannot be reached at {string.Join(", ", addresses)} ({unreachable?.Status.Detail ?? "no address configured"}). " +
            "Nothing was committed past it unless an earlier attempt got through; retry with the same msgid, which never pays twice.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (channel, _) in _channels.Values)
        {
            channel.Dispose();
        }
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
            KeepAlivePingDelay = TimeSpan.FromSeconds(20),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };
        if (credentials is not null)
        {
            var expected = CallerIdentity.Node(id);
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [credentials.Certificate],
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is X509Certificate2 presented && credentials.IsIssuedByCa(presented) && CallerIdentity.FromCertificate(presented) == expected,
            };
        }

        var channel = GrpcChannel.ForAddress(a, new GrpcChannelOptions { HttpHandler = handler, MaxReceiveMessageSize = 64 * 1024 * 1024 });
        return (channel, channel.CreateCallInvoker());
    }, peerId).Invoker;
}
