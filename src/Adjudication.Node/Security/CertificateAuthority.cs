using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Adjudication.Node.Security;

/// <summary>
/// The network's certificate authority, with .NET's own cryptography only (DESIGN.md §8): makes the CA and issues
/// certificates whose URI subject alternative name is the holder's <see cref="CallerIdentity"/>. Keys are ECDSA P-256
/// (small, fast handshakes); files are unencrypted PEM, <c>NAME.crt.pem</c> and <c>NAME.key.pem</c>.
/// </summary>
public static class CertificateAuthority
{
    /// <summary>File name stem of the CA in its folder.</summary>
    public const string CaName = "ca";

    /// <summary>How long a CA is valid.</summary>
    public static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);

    /// <summary>How long an issued certificate is valid; rotate by issuing a new one before it ends.</summary>
    public static readonly TimeSpan CertificateLifetime = TimeSpan.FromDays(397);

    // Every node certificate serves these, so a node is reachable on its own machine whatever --host names.
    private static readonly string[] LocalHosts = ["localhost", "127.0.0.1"];

    /// <summary>Makes a new CA (self-signed, may sign certificates, nothing else).</summary>
    public static X509Certificate2 CreateCa(string name = "Adjudication network CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now + CaLifetime);
    }

    /// <summary>
    /// Issues a certificate for <paramref name="identity"/>, signed by <paramref name="ca"/>. A node certificate serves
    /// TLS for <paramref name="hosts"/> (names or IP addresses) and always for localhost and 127.0.0.1; every
    /// certificate may authenticate as a client.
    /// </summary>
    public static X509Certificate2 Issue(X509Certificate2 ca, CallerIdentity identity, IEnumerable<string>? hosts = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={identity.Id}"), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri(identity.ToUri()));
        var usages = new OidCollection { new Oid(ClientAuthentication) };
        if (identity.Kind == IdentityKind.Node)
        {
            usages.Add(new Oid(ServerAuthentication));
            foreach (var host in LocalHosts.Concat(hosts ?? []).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (IPAddress.TryParse(host, out var ip))
                {
                    names.AddIpAddress(ip);
                }
                else
                {
                    names.AddDnsName(host);
                }
            }
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var now = DateTimeOffset.UtcNow;
        var notAfter = now + CertificateLifetime < ca.NotAfter ? now + CertificateLifetime : ca.NotAfter.ToUniversalTime();
        using var issued = request.Create(ca, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// Whether <paramref name="presented"/> chains to <paramref name="ca"/> alone (no system roots; the network's CA
    /// issues and rotates its own certificates, so there is no revocation list to fetch) and is valid now.
    /// </summary>
    public static bool IsIssuedBy(X509Certificate2 presented, X509Certificate2 ca)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(ca);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(ca.RawDataMemory.Span);
    }

    /// <summary>
    /// The CA's revocation list with <paramref name="serials"/> (big-endian hexadecimal, as <see cref="RevocationList.SerialKey"/>
    /// writes them) added to <paramref name="current"/> (PEM or DER; null when there is none yet), signed by <paramref name="ca"/>
    /// (with its key) under the next CRL number, as PEM. Nodes read it with <see cref="RevocationList"/>.
    /// </summary>
    public static string Revoke(X509Certificate2 ca, byte[]? current, IEnumerable<string> serials, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(serials);
        System.Numerics.BigInteger number = 0;
        var builder = current is null ? new CertificateRevocationListBuilder() : CertificateRevocationListBuilder.Load(RevocationList.Der(current), out number);
        foreach (var serial in serials)
        {
            // A positive INTEGER in DER: a leading 0x00 where the first byte's high bit is set.
            var magnitude = Convert.FromHexString(serial);
            builder.AddEntry(magnitude[0] >= 0x80 ? [0, .. magnitude] : magnitude, now, X509RevocationReason.KeyCompromise);
        }

        var crl = builder.Build(ca, number + 1, now + CrlLifetime, HashAlgorithmName.SHA256, thisUpdate: now);
        return PemEncoding.WriteString("X509 CRL", crl);
    }

    /// <summary>File name of the CA's revocation list in its folder (<c>adjudication certs revoke</c>).</summary>
    public const string CrlFile = CaName + ".crl.pem";

    /// <summary>The next-update time a revocation list announces. Nodes keep using a list after it: a newer one replaces it.</summary>
    public static readonly TimeSpan CrlLifetime = TimeSpan.FromDays(397);

    /// <summary>Extended key usage of a certificate that may authenticate a client (RFC 5280 id-kp-clientAuth).</summary>
    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>Extended key usage of a certificate that may serve TLS (RFC 5280 id-kp-serverAuth): node certificates only.</summary>
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>Whether <paramref name="certificate"/> lists the extended key usage <paramref name="oid"/>.</summary>
    public static bool Allows(X509Certificate2 certificate, string oid)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509EnhancedKeyUsageExtension usages)
            {
                foreach (var usage in usages.EnhancedKeyUsages)
                {
                    if (usage.Value == oid)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Writes <c>DIR/NAME.crt.pem</c> and <c>DIR/NAME.key.pem</c> (the key readable by the owner only).</summary>
    public static (string Certificate, string Key) Write(X509Certificate2 certificate, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var certPath = Path.Combine(directory, name + ".crt.pem");
        var keyPath = Path.Combine(directory, name + ".key.pem");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException($"The certificate for {name} has no ECDSA private key.");
        // The key file is created readable by its owner only, never briefly readable by others.
        File.Delete(keyPath);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new StreamWriter(keyPath, System.Text.Encoding.ASCII, options))
        {
            stream.Write(key.ExportPkcs8PrivateKeyPem());
        }

        return (certPath, keyPath);
    }

    /// <summary>Loads the CA with its key from <c>DIR/ca.crt.pem</c> and <c>DIR/ca.key.pem</c>.</summary>
    public static X509Certificate2 LoadCa(string directory) =>
        Load(Path.Combine(directory, CaName + ".crt.pem"), Path.Combine(directory, CaName + ".key.pem"));

    /// <summary>
    /// Loads a certificate with its private key from PEM files, in the form TLS needs on every platform (an
    /// ephemeral PEM key is re-imported through PKCS#12).
    /// </summary>
    public static X509Certificate2 Load(string certificatePath, string keyPath)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
