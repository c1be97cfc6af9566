using Adjudication.Node.Hosting;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace Adjudication.Node.Security;

/// <summary>
/// The node's listener (DESIGN.md §8): mutual TLS by default, every caller's certificate checked against the network's
/// CA (a caller without one still connects, so health stays open and other methods answer UNAUTHENTICATED); plaintext
/// only in the explicit development mode and only on loopback.
/// </summary>
internal static class NodeTransport
{
    // gRPC's length-prefixed framing: a compressed flag and a 4-byte length before every message.
    private const int GrpcFrameHeaderBytes = 5;

    private const string HowToConfigure =
        "Make certificates with 'adjudication certs ca --out certs' and 'adjudication certs issue --ca certs --kind node --id NODE_ID --host HOST --out certs' " +
        "(or 'adjudication certs network --topology FILE --out certs'), then start the node with --tls-cert/--tls-key/--tls-ca " +
        "(Node:Tls:Certificate, Node:Tls:Key, Node:Tls:Ca) and an https:// URL.";

    /// <summary>Checks the options and sets Kestrel up; returns the loaded credentials, or null in development mode.</summary>
    /// <exception cref="NodeConfigurationException">The node would listen in plaintext off loopback, or TLS is not configured.</exception>
    public static NodeCredentials? Configure(IWebHostBuilder host, IConfiguration configuration, NodeOptions options)
    {
        // Kestrel reads the URL string itself (a ';' separates several, a host it cannot parse binds every interface),
        // so only one plain scheme://host:port is accepted, and no endpoints may come from elsewhere.
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || options.Url.Contains(';', StringComparison.Ordinal) || url.UserInfo.Length > 0 || url.PathAndQuery != "/" || url.Fragment.Length > 0
            || Uri.CheckHostName(url.IdnHost) == UriHostNameType.Unknown)
        {
            throw new NodeConfigurationException($"Node:Url '{options.Url}' is not one address to listen on; use https://HOST:PORT (or http://127.0.0.1:PORT with --plaintext in development).");
        }

        // UseUrls below overrides urls/http_ports/https_ports; Kestrel endpoints from configuration would not be overridden.
        if (configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            throw new NodeConfigurationException("The node listens only at Node:Url; remove the Kestrel:Endpoints section from its configuration.");
        }

        host.UseUrls(options.Url);
        if (url.Scheme == "http" || options.Plaintext)
        {
            if (!options.Plaintext)
            {
                throw new NodeConfigurationException($"The node would listen in plaintext at {options.Url}, which only the development mode (--plaintext, Node:Plaintext=true) allows. {HowToConfigure}");
            }

            if (url.Scheme != "http" || !ListenAddress.IsLoopback(url.Host))
            {
                throw new NodeConfigurationException($"Refusing to listen in plaintext at {options.Url}: the development mode is for a loopback address (127.0.0.1, ::1, localhost) only. {HowToConfigure}");
            }

            // Cleartext cannot offer both: without TLS there is no ALPN, and HTTP/2 without it (h2c, prior knowledge) cannot
            // share a port with HTTP/1.1. gRPC needs HTTP/2, so the development mode stays HTTP/2 only and the JSON
            // gateway answers there over h2c too (curl --http2-prior-knowledge).
            host.ConfigureKestrel(k =>
            {
                k.ConfigureEndpointDefaults(e => e.Protocols = HttpProtocols.Http2);
                AlignBodyLimit(k);
            });
            return null;
        }

        if (!options.Tls.IsConfigured)
        {
            throw new NodeConfigurationException($"The node listens with mutual TLS at {options.Url} but has no certificate, key and CA. {HowToConfigure}");
        }

        var credentials = NodeCredentials.Load(options.Tls);
        if (options.Id.Length > 0 && credentials.Identity.Id != options.Id)
        {
            throw new NodeConfigurationException(
                $"The certificate '{options.Tls.Certificate}' names {credentials.Identity}, but this node is {options.Id}; its neighbours would refuse it. Issue one with --kind node --id {options.Id}.");
        }

        host.UseKestrelHttpsConfiguration();
        host.ConfigureKestrel(k =>
        {
            // HTTP/2 for gRPC and HTTP/1.1 for the JSON gateway (issue 17) on the one TLS port: ALPN picks per
            // connection (gRPC clients offer h2; a HIS's HTTP/1.1 client offers http/1.1).
            k.ConfigureEndpointDefaults(e => e.Protocols = HttpProtocols.Http1AndHttp2);
            AlignBodyLimit(k);
            k.ConfigureHttpsDefaults(https =>
            {
                https.ServerCertificate = credentials.Certificate;
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.CheckCertificateRevocation = false;
                https.ClientCertificateValidation = (certificate, _, _) =>
                    credentials.Trusts(certificate) && CertificateAuthority.Allows(certificate, CertificateAuthority.ClientAuthentication);
                if (credentials.Revocations.IsConfigured)
                {
                    // A resumed TLS session would skip the validation above: with a revocation list, every connection
                    // shows its certificate again (clients keep their connections, so this costs a handshake per connection).
                    https.OnAuthenticate = (_, ssl) => ssl.AllowTlsResume = false;
                }
            });
        });
        return credentials;
    }

    // A unary call's body is one gRPC message behind a 5-byte frame header. Kestrel must let through every message gRPC
    // accepts (GrpcServiceOptions.MaxReceiveMessageSize, the global limit: the largest of all services, which set lower
    // limits of their own in NodeHost), or a body above Kestrel's default 30 MB fails in the middle of the read and the
    // caller hears UNKNOWN. A larger message gRPC refuses itself from the frame header, before reading
    // it (RESOURCE_EXHAUSTED); streaming calls lift this limit per call (grpc-dotnet), each message still bounded by gRPC.
    private static void AlignBodyLimit(KestrelServerOptions kestrel)
    {
        var grpc = kestrel.ApplicationServices.GetRequiredService<IOptions<GrpcServiceOptions>>().Value;
        kestrel.Limits.MaxRequestBodySize = grpc.MaxReceiveMessageSize is { } max ? max + GrpcFrameHeaderBytes : null;
    }
}
