using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Adjudication.Node.Security;
using Grpc.Net.Client;

namespace Adjudication.Cli.Security;

/// <summary>
/// A folder holding the network's CA (<c>ca.crt.pem</c>, <c>ca.key.pem</c>) and the certificates issued from it
/// (<c>ID.crt.pem</c>, <c>ID.key.pem</c>), as <c>adjudication certs</c> writes them. The local network and the demo
/// keep theirs in a temporary folder unless told where.
/// </summary>
public sealed class CertificateFolder : IDisposable
{
    private readonly ConcurrentDictionary<CallerIdentity, X509Certificate2> _clients = new();
    private readonly bool _temporary;

    private CertificateFolder(string path, X509Certificate2 ca, bool temporary)
    {
        Path = path;
        Ca = ca;
        _temporary = temporary;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The CA, with its key.</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The CA certificate's file.</summary>
    public string CaFile => System.IO.Path.Combine(Path, CertificateAuthority.CaName + ".crt.pem");

    /// <summary>Opens <paramref name="path"/>, making a CA there when it has none; a null path makes a temporary folder, deleted on dispose.</summary>
    public static CertificateFolder Open(string? path)
    {
        var temporary = path is null;
        path ??= Directory.CreateTempSubdirectory("adjudication-certs-").FullName;
        if (File.Exists(System.IO.Path.Combine(path, CertificateAuthority.CaName + ".key.pem")))
        {
            return new CertificateFolder(path, CertificateAuthority.LoadCa(path), temporary);
        }

        var ca = CertificateAuthority.CreateCa();
        CertificateAuthority.Write(ca, path, CertificateAuthority.CaName);
        return new CertificateFolder(path, ca, temporary);
    }

    /// <summary>Issues a node certificate for <paramref name="nodeId"/> into the folder and returns the node's TLS options.</summary>
    public TlsOptions IssueNode(string nodeId, IEnumerable<string>? hosts = null)
    {
        RefuseCaName(nodeId);
        using var certificate = CertificateAuthority.Issue(Ca, CallerIdentity.Node(nodeId), hosts);
        var (cert, key) = CertificateAuthority.Write(certificate, Path, nodeId);
        return new TlsOptions { Certificate = cert, Key = key, Ca = CaFile };
    }

    /// <summary>A client certificate for <paramref name="identity"/>, issued (and written to the folder) once.</summary>
    public X509Certificate2 Client(CallerIdentity identity) => _clients.GetOrAdd(identity, i =>
    {
        RefuseCaName(i.Id);
        var certificate = CertificateAuthority.Issue(Ca, i);
        CertificateAuthority.Write(certificate, Path, i.Id);
        return certificate;
    });

    /// <summary>
    /// A channel to node <paramref name="nodeId"/> (any node of the CA when null) at <paramref name="address"/>, presenting
    /// <paramref name="identity"/>'s certificate.
    /// </summary>
    public GrpcChannel Channel(string address, CallerIdentity identity, string? nodeId = null) => SecureChannel.Create(address, Client(identity), Ca, nodeId);

    /// <summary>Refuses a certificate named like the CA's files, which would overwrite them.</summary>
    public static void RefuseCaName(string id)
    {
        if (string.Equals(id, CertificateAuthority.CaName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{id}' would overwrite the CA's own files ({CertificateAuthority.CaName}.crt.pem, {CertificateAuthority.CaName}.key.pem); choose another id.", nameof(id));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var certificate in _clients.Values)
        {
            certificate.Dispose();
        }

        Ca.Dispose();
        if (_temporary)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind holds only test certificates of a network that no longer runs.
            }
        }
    }
}
