using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Adjudication.Node.Security;

/// <summary>A client's channel to a node over mutual TLS (DESIGN.md §8), for terminals, agencies, tools and tests.</summary>
public static class SecureChannel
{
    /// <summary>
    /// A channel to <paramref name="address"/> that presents <paramref name="client"/> (with its key; null presents none,
    /// which reaches only health) and accepts only a node certificate issued by <paramref name="ca"/>. An http://
    /// address (a development node) gets a plaintext channel whose calls name the client in the
    /// <c>adjudication-dev-identity</c> header instead. The node must also hold a certificate for the host name of
    /// <paramref name="address"/>, and, when <paramref name="expectedNode"/> is given, be that node.
    /// </summary>
    public static GrpcChannel Create(string address, X509Certificate2? client, X509Certificate2 ca, string? expectedNode = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && client is not null && CallerIdentity.FromCertificate(client) is { } identity)
        {
            return Plaintext(address, identity);
        }

        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = client is null ? null : [client],
                // The system does not trust the network's CA (a chain error here); the host name must still match.
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
                    && certificate is X509Certificate2 presented && CertificateAuthority.IsIssuedBy(presented, ca)
                    && CertificateAuthority.Allows(presented, CertificateAuthority.ServerAuthentication)
                    && CallerIdentity.FromCertificate(presented) is { Kind: IdentityKind.Node } node && (expectedNode is null || node.Id == expectedNode),
            },
        };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    /// <summary>
    /// A channel to a node in the development mode (plaintext, loopback): every call names <paramref name="identity"/>
    /// in the <c>adjudication-dev-identity</c> header, which only such a node reads.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not a loopback http:// address.</exception>
    public static GrpcChannel Plaintext(string address, CallerIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var url) || url.Scheme != "http" || !(url.IsLoopback))
        {
            throw new ArgumentException($"A plaintext channel is only for a development node on this machine (http://127.0.0.1:PORT), not '{address}'.", nameof(address));
        }

        var uri = identity.ToUri();
        var credentials = Grpc.Core.CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add(Network.NetworkHeaders.DevIdentity, uri);
            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            Credentials = Grpc.Core.ChannelCredentials.Create(Grpc.Core.ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }
}
