using System.Security.Cryptography.X509Certificates;

namespace Adjudication.Node.Security;

/// <summary>
/// The node's certificate and the network's CA, loaded once: what Kestrel serves, what the node presents to its peers,
/// and the one trust anchor every presented certificate is checked against (no system roots, DESIGN.md §8).
/// </summary>
public sealed class NodeCredentials : IDisposable
{
    private NodeCredentials(X509Certificate2 certificate, X509Certificate2 ca, CallerIdentity identity, RevocationList revocations)
    {
        Certificate = certificate;
        Ca = ca;
        Identity = identity;
        Revocations = revocations;
    }

    /// <summary>The node's own certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The network's CA.</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The identity the node's certificate carries.</summary>
    public CallerIdentity Identity { get; }

    /// <summary>The certificates the CA revoked (<see cref="TlsOptions.Crl"/>; <see cref="RevocationList.None"/> without one).</summary>
    public RevocationList Revocations { get; }

    /// <summary>Loads and checks the files of <paramref name="options"/>: readable, issued by the CA, a node identity.</summary>
    /// <exception cref="NodeConfigurationException">A file is missing or unreadable, or the certificate does not fit.</exception>
    public static NodeCredentials Load(TlsOptions options)
    {
        X509Certificate2 certificate;
        X509Certificate2 ca;
        try
        {
            certificate = CertificateAuthority.Load(options.Certificate, options.Key);
            ca = X509CertificateLoader.LoadCertificateFromFile(options.Ca);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new NodeConfigurationException(
                $"The node's TLS files cannot be read ({ex.Message}): certificate '{options.Certificate}', key '{options.Key}', CA '{options.Ca}'. " +
                "Make them with 'adjudication certs ca --out DIR' and 'adjudication certs issue --ca DIR --kind node --id NODE_ID --out DIR'.");
        }

        var revocations = options.Crl.Length > 0 ? RevocationList.Load(options.Crl, ca) : RevocationList.None;
        var credentials = new NodeCredentials(certificate, ca, CallerIdentity.FromCertificate(certificate) ?? CallerIdentity.Operator("unknown"), revocations);
        if (revocations.IsRevoked(certificate))
        {
            throw new NodeConfigurationException($"The node certificate '{options.Certificate}' is revoked by '{options.Crl}'; issue this node a new one.");
        }

        if (!credentials.IsIssuedByCa(certificate))
        {
            throw new NodeConfigurationException($"The node certificate '{options.Certificate}' was not issued by the CA '{options.Ca}' (or has expired); issue it again from that CA.");
        }

        if (credentials.Identity.Kind != IdentityKind.Node)
        {
            throw new NodeConfigurationException($"The certificate '{options.Certificate}' names {credentials.Identity}, not a node; issue one with --kind node --id NODE_ID.");
        }

        return credentials;
    }

    /// <summary>Whether <paramref name="presented"/> chains to the network's CA and is valid now.</summary>
    public bool IsIssuedByCa(X509Certificate2 presented) => CertificateAuthority.IsIssuedBy(presented, Ca);

    /// <summary>Whether <paramref name="presented"/> may be trusted: issued by the network's CA, valid now and not revoked.</summary>
    public bool Trusts(X509Certificate2 presented) => !Revocations.IsRevoked(presented) && IsIssuedByCa(presented);

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        Ca.Dispose();
    }
}
