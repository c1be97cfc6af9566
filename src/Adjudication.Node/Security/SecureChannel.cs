using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Adjudication.Node.Security;

/// <summary>A client's channel to a node over mutual TLS (DESIGN.md §8), for terminals, agencies, tools and tests.</summary>
public static class SecureChannel
{
    /// <summary>
    /// A channel to <paramref name="address"/> that presents <paramref name="client"/> (with its key) and accepts only a
    /// node certificate issued by <paramref name="ca"/>. An http:// address (a development node) gets a plaintext
    /// channel whose calls name the client in the <c>adjudication-dev-identity</c> header instead.
    /// </summary>
    public static GrpcChannel Create(string address, X509Certificate2 client, X509Certificate2 ca)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(client);
        if (address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && CallerIdentity.FromCertificate(client) is { } identity)
        {
            return Plaintext(address, identity);
        }

        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [client],
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is X509Certificate2 presented && IsNodeOf(presented, ca),
            },
        };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true, MaxReceiveMessageSize = 64 * 1024 * 1024 });
    }

    /// <summary>
    /// A channel to a node in the development mode (plaintext, loopback): every call names <paramref name="identity"/>
    /// in the <c>adjudication-dev-identity</c> header, which only such a node reads.
    /// </summary>
    public static GrpcChannel Plaintext(string address, CallerIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
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
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
    }

    private static bool IsNodeOf(X509Certificate2 presented, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented) && CallerIdentity.FromCertificate(presented) is { Kind: IdentityKind.Node };
    }
}
