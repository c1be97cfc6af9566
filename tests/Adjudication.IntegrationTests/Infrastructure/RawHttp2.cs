using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Adjudication.Node.Security;
using Grpc.Core;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// Sends a request body to a node exactly as given, over HTTP/2 with mutual TLS, without gRPC's framing: what a client
/// with a broken gRPC stack (or none) sends. The answer's status comes back as an <see cref="RpcException"/> carrying
/// the grpc-status-details-bin trailer, so the same assertions judge it as a gRPC client's answer.
/// </summary>
public sealed class RawHttp2 : IDisposable
{
    private readonly ConcurrentDictionary<CallerIdentity, HttpClient> _clients = new();

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> ("/package.Service/Method") of <paramref name="node"/> as <paramref name="caller"/>.</summary>
    /// <exception cref="RpcException">The node answered with a status other than OK.</exception>
    public async Task SendAsync(TestNode node, CallerIdentity caller, string path, Metadata? headers, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, node.Address.TrimEnd('/') + path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var entry in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(entry.Key, entry.Value);
        }

        using var response = await ClientFor(caller).SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var code = Value(response, "grpc-status") ?? throw new InvalidOperationException($"HTTP {(int)response.StatusCode} without grpc-status");
        if (code == "0")
        {
            return;
        }

        var trailers = new Metadata();
        if (Value(response, "grpc-status-details-bin") is { } details)
        {
            trailers.Add("grpc-status-details-bin", Convert.FromBase64String(details.PadRight((details.Length + 3) / 4 * 4, '=')));
        }

        var message = Uri.UnescapeDataString(Value(response, "grpc-message") ?? string.Empty);
        throw new RpcException(new Status((StatusCode)int.Parse(code, CultureInfo.InvariantCulture), message), trailers);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    // A trailers-only answer carries the status in its headers, any other in its trailers.
    private static string? Value(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.TrailingHeaders.TryGetValues(name, out values) ? values.First() : null;

    private HttpClient ClientFor(CallerIdentity caller) => _clients.GetOrAdd(caller, static identity => new HttpClient(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = [TestCertificates.For(identity)],
            RemoteCertificateValidationCallback = static (_, certificate, _, _) =>
                certificate is X509Certificate2 presented && CertificateAuthority.IsIssuedBy(presented, TestCertificates.Ca),
        },
    }));
}
