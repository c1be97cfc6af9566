using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Adjudication.Node.Security;
using Grpc.Net.Client;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// Real certificates for the test run (DESIGN.md §8): one CA made with the project's own <see cref="CertificateAuthority"/>,
/// node certificates written as PEM files the way operators make them, and client certificates per identity.
/// </summary>
public static class TestCertificates
{
    private static readonly Lazy<(X509Certificate2 Ca, string Directory)> Authority = new(() =>
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("adjudication-test-certs-").FullName;
        var ca = CertificateAuthority.CreateCa("Adjudication test CA");
        CertificateAuthority.Write(ca, directory, CertificateAuthority.CaName);
        return (ca, directory);
    });

    private static readonly ConcurrentDictionary<CallerIdentity, X509Certificate2> Clients = new();

    /// <summary>The test CA, with its key.</summary>
    public static X509Certificate2 Ca => Authority.Value.Ca;

    /// <summary>The folder holding <c>ca.crt.pem</c> and every node's files.</summary>
    public static string Folder => Authority.Value.Directory;

    /// <summary>A node certificate for <paramref name="nodeId"/> written to PEM files, as a node's Tls options name them (with <paramref name="crl"/>, a revocation list).</summary>
    public static TlsOptions ForNode(string nodeId, string crl = "")
    {
        var name = "node-" + nodeId + "-" + Guid.NewGuid().ToString("N")[..8];
        using var certificate = CertificateAuthority.Issue(Ca, CallerIdentity.Node(nodeId));
        var (cert, key) = CertificateAuthority.Write(certificate, Folder, name);
        return new TlsOptions { Certificate = cert, Key = key, Ca = Path.Combine(Folder, CertificateAuthority.CaName + ".crt.pem"), Crl = crl };
    }

    /// <summary>A client certificate (with key) naming <paramref name="identity"/>, issued once per identity.</summary>
    public static X509Certificate2 For(CallerIdentity identity) => Clients.GetOrAdd(identity, i => CertificateAuthority.Issue(Ca, i));

    /// <summary>
    /// A channel to <paramref name="address"/> that presents <paramref name="client"/> (none when null) and trusts only
    /// node certificates of the test CA.
    /// </summary>
    public static GrpcChannel Channel(string address, X509Certificate2? client) => SecureChannel.Create(address, client, Ca);
}
