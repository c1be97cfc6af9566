using System.Collections.Frozen;
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Adjudication.Node.Security;

/// <summary>
/// The certificates the network's CA revoked (DESIGN.md §8): the serial numbers of an X.509 certificate revocation list
/// (CRL) that the CA signed (<c>adjudication certs revoke</c>, or any CA tool given the CA's key). A node names it with
/// <c>Node:Tls:Crl</c> and refuses a certificate it lists at the handshake, on every call of a connection already open
/// and from a peer node it calls; <see cref="RevocationWatcher"/> reads it again whenever the file changes.
/// </summary>
public sealed class RevocationList
{
    private const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    private const string CrlNumber = "2.5.29.20";
    private const string AuthorityKeyIdentifier = "2.5.29.35";
    private static readonly Asn1Tag Extensions = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private readonly Lock _reloading = new();
    private FrozenSet<string> _serials = FrozenSet<string>.Empty;
    private BigInteger _number = -1;

    private RevocationList(string path) => Path = path;

    /// <summary>No list: nothing is revoked (no <c>Node:Tls:Crl</c>, or the development mode).</summary>
    public static RevocationList None { get; } = new(string.Empty);

    /// <summary>The CRL file, or empty for <see cref="None"/>.</summary>
    public string Path { get; }

    /// <summary>Whether the node was given a list (<c>Node:Tls:Crl</c>), not <see cref="None"/>.</summary>
    public bool IsConfigured => Path.Length > 0;

    /// <summary>How many certificates the list holds.</summary>
    public int Count => Volatile.Read(ref _serials).Count;

    /// <summary>Whether <paramref name="certificate"/> is on the list.</summary>
    public bool IsRevoked(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var serials = Volatile.Read(ref _serials);
        if (serials.Count == 0)
        {
            return false;
        }

        // Checked on every call of a connection: the key is formatted on the stack, not allocated (RFC 5280 serials
        // are at most 20 bytes; a longer one is formatted on the heap).
        var serial = Significant(certificate.SerialNumberBytes.Span);
        Span<char> key = serial.Length <= 32 ? stackalloc char[serial.Length * 2] : new char[serial.Length * 2];
        Convert.TryToHexString(serial, key, out _);
        return serials.GetAlternateLookup<ReadOnlySpan<char>>().Contains(key);
    }

    /// <summary>
    /// A serial number as the list compares it: big-endian hexadecimal without leading zero bytes, so a number written
    /// with the sign byte DER may put before it (a certificate's) and without it (as openssl shows it) compare equal.
    /// </summary>
    public static string SerialKey(ReadOnlySpan<byte> serial) => Convert.ToHexString(Significant(serial));

    // The serial without its leading zero bytes (at least one byte is left).
    private static ReadOnlySpan<byte> Significant(ReadOnlySpan<byte> serial)
    {
        var start = 0;
        while (start < serial.Length - 1 && serial[start] == 0)
        {
            start++;
        }

        return serial[start..];
    }

    /// <summary>Reads the CRL at <paramref name="path"/>, which <paramref name="ca"/> must have signed.</summary>
    /// <exception cref="NodeConfigurationException">The file cannot be read, is not a CRL, or the CA did not sign it.</exception>
    public static RevocationList Load(string path, X509Certificate2 ca)
    {
        var list = new RevocationList(path);
        list.Reload(ca);
        return list;
    }

    /// <summary>Reads the file again; on a failure the list stays as it was.</summary>
    /// <exception cref="NodeConfigurationException">
    /// The file cannot be read, is not a CRL, the CA did not sign it, or it is older (a lower CRL number) than the list
    /// in force: an old copy would take back revocations.
    /// </exception>
    public void Reload(X509Certificate2 ca)
    {
        try
        {
            // One reload at a time (the watcher's and the start's), so an older list read slowly cannot overtake a newer one.
            lock (_reloading)
            {
                var read = Read(File.ReadAllBytes(Path), ca);
                if (read.Number < _number)
                {
                    throw new InvalidDataException($"it is older than the list in force (CRL number {read.Number}, in force {_number}); copy the newest list the CA wrote");
                }

                _number = read.Number;
                Volatile.Write(ref _serials, read.Serials.ToFrozenSet(StringComparer.Ordinal));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new NodeConfigurationException(
                $"The certificate revocation list '{Path}' cannot be used ({ex.Message}). Write it with 'adjudication certs revoke --ca DIR ...', which signs it with the network's CA.");
        }
    }

    /// <summary>
    /// A CRL's number and the serial numbers it lists (as <see cref="SerialKey"/> writes them), once its signature by
    /// <paramref name="ca"/> is checked. A list this node could take for more than it is (a critical extension it does not
    /// know: a delta list, a partitioned or an indirect one) is refused.
    /// </summary>
    /// <param name="crl">The CRL, DER or PEM (<c>-----BEGIN X509 CRL-----</c>).</param>
    /// <param name="ca">The network's CA.</param>
    /// <exception cref="InvalidDataException">Not a CRL, not of this CA, its signature does not hold, or it is of a kind not read here.</exception>
    public static (BigInteger Number, IReadOnlyList<string> Serials) Read(ReadOnlySpan<byte> crl, X509Certificate2 ca)
    {
        ArgumentNullException.ThrowIfNull(ca);
        try
        {
            return ReadVerified(Der(crl), ca);
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"it is not an X.509 CRL in DER or PEM: {ex.Message}", ex);
        }
    }

    // CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING } (RFC 5280 §5.1).
    private static (BigInteger Number, IReadOnlyList<string> Serials) ReadVerified(byte[] der, X509Certificate2 ca)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var list = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var signed = list.ReadEncodedValue();
        var algorithm = list.ReadSequence().ReadObjectIdentifier();
        var signature = list.ReadBitString(out _);
        using var key = ca.GetECDsaPublicKey();
        if (algorithm != EcdsaWithSha256 || key is null)
        {
            throw new InvalidDataException($"it is signed with algorithm {algorithm}; the network's CA signs with ECDSA and SHA-256 ({EcdsaWithSha256})");
        }

        if (!key.VerifyData(signed.Span, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
        {
            throw new InvalidDataException($"its signature is not that of the CA '{ca.Subject}'");
        }

        // TBSCertList ::= SEQUENCE { version OPTIONAL, signature, issuer, thisUpdate, nextUpdate OPTIONAL,
        //                            revokedCertificates SEQUENCE OF SEQUENCE { userCertificate INTEGER, ... } OPTIONAL, ... }
        var tbs = new AsnReader(signed, AsnEncodingRules.DER).ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger();
        }

        tbs.ReadSequence();
        if (!tbs.ReadEncodedValue().Span.SequenceEqual(ca.SubjectName.RawData))
        {
            throw new InvalidDataException($"its issuer is not the CA '{ca.Subject}'");
        }

        SkipTime(tbs);
        if (tbs.HasData && (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) || tbs.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime)))
        {
            SkipTime(tbs);
        }

        var serials = new List<string>();
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var revoked = tbs.ReadSequence();
            while (revoked.HasData)
            {
                // SEQUENCE { userCertificate INTEGER, revocationDate Time, crlEntryExtensions OPTIONAL }
                var entry = revoked.ReadSequence();
                serials.Add(SerialKey(entry.ReadIntegerBytes().Span));
                SkipTime(entry);
                if (entry.HasData)
                {
                    ReadExtensions(entry.ReadSequence(), "an entry");
                }
            }
        }

        var number = tbs.HasData ? ReadExtensions(tbs.ReadSequence(Extensions).ReadSequence(), "the list") : BigInteger.Zero;
        return (number, serials);
    }

    // Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. Returns the CRL
    // number when there is one; a critical extension not read here refuses the list (RFC 5280 §5.2, §5.3).
    private static BigInteger ReadExtensions(AsnReader extensions, string where)
    {
        var number = BigInteger.Zero;
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            var id = extension.ReadObjectIdentifier();
            var critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
            var value = extension.ReadOctetString();
            if (id == CrlNumber)
            {
                number = new AsnReader(value, AsnEncodingRules.DER).ReadInteger();
            }
            else if (critical && id != AuthorityKeyIdentifier)
            {
                throw new InvalidDataException($"{where} has the critical extension {id}, which this node does not read (a delta, partitioned or indirect list); write a complete list with 'adjudication certs revoke'");
            }
        }

        return number;
    }

    private static void SkipTime(AsnReader reader)
    {
        if (reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime))
        {
            reader.ReadUtcTime();
        }
        else
        {
            reader.ReadGeneralizedTime();
        }
    }

    /// <summary>The DER of a CRL file: a PEM file's between "-----BEGIN X509 CRL-----" and its end line; anything else as it is.</summary>
    /// <exception cref="InvalidDataException">A PEM file of something else.</exception>
    /// <exception cref="FormatException">A PEM file whose base64 is broken.</exception>
    internal static byte[] Der(ReadOnlySpan<byte> crl)
    {
        var text = System.Text.Encoding.ASCII.GetString(crl);
        if (!text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return crl.ToArray();
        }

        var pem = PemEncoding.Find(text);
        return text[pem.Label] == "X509 CRL"
            ? Convert.FromBase64String(text[pem.Base64Data])
            : throw new InvalidDataException($"the PEM file holds '{text[pem.Label]}', not 'X509 CRL'");
    }
}
