using System.Security.Cryptography.X509Certificates;
using Adjudication.Node.Security;

namespace Adjudication.Node.Tests.Security;

/// <summary>
/// The CA's revocation list (DESIGN.md §8) with real certificates and files: what <see cref="CertificateAuthority.Revoke"/>
/// writes, <see cref="RevocationList"/> reads back after checking the CA's signature; any other file is refused with why.
/// </summary>
public sealed class RevocationListTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
    private readonly X509Certificate2 _ca = CertificateAuthority.CreateCa();
    private readonly string _folder = Directory.CreateTempSubdirectory("adjudication-crl-test-").FullName;

    [Fact]
    public void Revoke_TwoCertificatesOneAfterTheOther_BothRevokedTheThirdNotAndTheNumberRises()
    {
        // Arrange
        using var first = Issue("H14010000001");
        using var second = Issue("H14010000002");
        using var third = Issue("H14010000003");

        // Act
        var once = CertificateAuthority.Revoke(_ca, null, [Key(first)], Now);
        var twice = CertificateAuthority.Revoke(_ca, System.Text.Encoding.ASCII.GetBytes(once), [Key(second)], Now.AddHours(1));
        var list = RevocationList.Load(Write(twice), _ca);

        // Assert
        Assert.Equal((true, true, false, 2), (list.IsRevoked(first), list.IsRevoked(second), list.IsRevoked(third), list.Count));
        CertificateRevocationListBuilder.LoadPem(twice, out var number);
        var read = RevocationList.Read(System.Text.Encoding.ASCII.GetBytes(twice), _ca);
        Assert.Equal((2, 2), ((int)number, (int)read.Number));
        Assert.Equal([Key(first), Key(second)], read.Serials);
    }

    [Fact]
    public void Revoke_SerialWithItsHighBitSet_ReadBackWithoutTheSignByte()
    {
        // A positive INTEGER whose first byte is 0x80 or more is written after a 0x00 byte; the list compares without it.
        var crl = CertificateAuthority.Revoke(_ca, null, ["80AB01"], Now);

        Assert.Equal(["80AB01"], RevocationList.Read(System.Text.Encoding.ASCII.GetBytes(crl), _ca).Serials);
        Assert.Equal("80AB01", RevocationList.SerialKey([0x00, 0x80, 0xAB, 0x01]));
    }

    [Fact]
    public void Load_ListOfAnotherCaWithTheSameName_RefusedForItsSignature()
    {
        using var other = CertificateAuthority.CreateCa();
        var path = Write(CertificateAuthority.Revoke(other, null, ["0A"], Now));

        var error = Assert.Throws<NodeConfigurationException>(() => RevocationList.Load(path, _ca));

        Assert.Contains($"its signature is not that of the CA '{_ca.Subject}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("adjudication certs revoke", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CertificateOrNoiseOrNothing_RefusedSayingWhy()
    {
        using var certificate = Issue("H14010000001");

        var pem = Assert.Throws<NodeConfigurationException>(() => RevocationList.Load(Write(certificate.ExportCertificatePem()), _ca));
        var noise = Assert.Throws<NodeConfigurationException>(() => RevocationList.Load(Write("not a list"), _ca));
        var missing = Assert.Throws<NodeConfigurationException>(() => RevocationList.Load(Path.Combine(_folder, "absent.crl.pem"), _ca));

        Assert.Contains("the PEM file holds 'CERTIFICATE', not 'X509 CRL'", pem.Message, StringComparison.Ordinal);
        Assert.Contains("it is not an X.509 CRL in DER or PEM", noise.Message, StringComparison.Ordinal);
        Assert.Contains("absent.crl.pem", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reload_FileReplacedByOneThatCannotBeUsed_PreviousListStays()
    {
        using var revoked = Issue("H14010000001");
        var path = Write(CertificateAuthority.Revoke(_ca, null, [Key(revoked)], Now));
        var list = RevocationList.Load(path, _ca);

        File.WriteAllText(path, "truncated");
        Assert.Throws<NodeConfigurationException>(() => list.Reload(_ca));

        Assert.True(list.IsRevoked(revoked));
        Assert.Equal(1, list.Count);
    }

    [Fact]
    public void Reload_AnOlderListOfTheSameCa_RefusedAndTheNewerStays()
    {
        // Arrange: list 1 revokes the first certificate, list 2 the second as well; the node holds list 2.
        using var first = Issue("H14010000001");
        using var second = Issue("H14010000002");
        var once = CertificateAuthority.Revoke(_ca, null, [Key(first)], Now);
        var path = Write(CertificateAuthority.Revoke(_ca, System.Text.Encoding.ASCII.GetBytes(once), [Key(second)], Now.AddHours(1)));
        var list = RevocationList.Load(path, _ca);

        // Act: an old copy of list 1 is put in its place.
        File.WriteAllText(path, once);
        var error = Assert.Throws<NodeConfigurationException>(() => list.Reload(_ca));

        // Assert: the second certificate stays revoked.
        Assert.Contains("it is older than the list in force (CRL number 1, in force 2)", error.Message, StringComparison.Ordinal);
        Assert.Equal((true, 2), (list.IsRevoked(second), list.Count));
    }

    [Fact]
    public void Read_ListsOpensslWrote_SerialsWithAndWithoutReasonAndTheCriticalDistributionPointRefused()
    {
        // Written by 'openssl ca -gencrl' with the key of a CA 'adjudication certs ca' made: two revoked certificates,
        // one with a reason code (an entry extension), and the same list again with a critical issuing distribution point.
        using var ca = X509Certificate2.CreateFromPem(OpensslCa);

        var (number, serials) = RevocationList.Read(System.Text.Encoding.ASCII.GetBytes(OpensslList), ca);
        var partitioned = Assert.Throws<InvalidDataException>(() => RevocationList.Read(System.Text.Encoding.ASCII.GetBytes(OpensslPartitionedList), ca));

        Assert.Equal(2, (int)number);
        Assert.Equal(["2BCBF3E74876783A663E9A35E8E4B7FC", "F5A30C085B16124920FAB1E72E55239D"], serials);
        Assert.Contains("the list has the critical extension 2.5.29.28", partitioned.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private const string OpensslCa = """
        -----BEGIN CERTIFICATE-----
        MIIBfzCCASWgAwIBAgIIfximaRDjX2swCgYIKoZIzj0EAwIwIjEgMB4GA1UEAxMX
        QWRqdWRpY2F0aW9uIG5ldHdvcmsgQ0EwHhcNMjYxMjAzMDcyMDA5WhcNMzYxMTMw
        MDcyNTA5WjAiMSAwHgYDVQQDExdBZGp1ZGljYXRpb24gbmV0d29yayBDQTBZMBMG
        ByqGSM49AgEGCCqGSM49AwEHA0IABJyUdwWnUZjq+Dm05mULFRZelo19bg8SDbmg
        2sKCQukB9ituQa44OFSnpn0DpDa1wb+jQFqpwTeibPo6rPvl+76jRTBDMBIGA1Ud
        EwEB/wQIMAYBAf8CAQAwDgYDVR0PAQH/BAQDAgEGMB0GA1UdDgQWBBQFiU03DoFg
        pmc+G4kO3gAYOJ/yFzAKBggqhkjOPQQDAgNIADBFAiEAzKIas5taDHEdgkiKQQj/
        cmCSOOKL5q0w8wowM9stTrECIGqcSk3oPx9CG0gmZnrDADv3DisRw0xN2lDvTkrX
        suCS
        -----END CERTIFICATE-----
        """;

    private const string OpensslList = """
        -----BEGIN X509 CRL-----
        MIIBETCBuAIBATAKBggqhkjOPQQDAjAiMSAwHgYDVQQDExdBZGp1ZGljYXRpb24g
        bmV0d29yayBDQRcNMjYxMjAzMDczOTEyWhcNMjcwMTAyMDczOTEyWjBVMC8CECvL
        8+dIdng6Zj6aNejkt/wXDTI2MTIwMzA3MzkxMlowDDAKBgNVHRUEAwoBATAiAhEA
        9aMMCFsWEkkg+rHnLlUjnRcNMjYxMjAzMDcyNTA5WqAOMAwwCgYDVR0UBAMCAQIw
        CgYIKoZIzj0EAwIDSAAwRQIgBmi0YuNLyFnonrJBcX84E6i/PmH7Ve4yiG15kjbI
        9fsCIQDfRHKQNwdsXeIuEiTNITfSyaubhjaGBmiqi+YZAKjQ0w==
        -----END X509 CRL-----
        """;

    private const string OpensslPartitionedList = """
        -----BEGIN X509 CRL-----
        MIIBPTCB5QIBATAKBggqhkjOPQQDAjAiMSAwHgYDVQQDExdBZGp1ZGljYXRpb24g
        bmV0d29yayBDQRcNMjYxMjAzMDczOTEyWhcNMjcwMTAyMDczOTEyWjBVMC8CECvL
        8+dIdng6Zj6aNejkt/wXDTI2MTIwMzA3MzkxMlowDDAKBgNVHRUEAwoBATAiAhEA
        9aMMCFsWEkkg+rHnLlUjnRcNMjYxMjAzMDcyNTA5WqA7MDkwKwYDVR0cAQH/BCEw
        H6AdoBuGGWh0dHA6Ly9jcmwuZXhhbXBsZS9jYS5jcmwwCgYDVR0UBAMCAQMwCgYI
        KoZIzj0EAwIDRwAwRAIgCxp6BJbWqP+60Vst/08LcvqaPKBTDnLPT4GF3njuhigC
        IBpDpvajlf5fQ1/S4GO0djAnLecCiSRB10Z7m70vdFbG
        -----END X509 CRL-----
        """;

    private X509Certificate2 Issue(string code) => CertificateAuthority.Issue(_ca, CallerIdentity.Institution(code));

    private static string Key(X509Certificate2 certificate) => RevocationList.SerialKey(certificate.SerialNumberBytes.Span);

    private string Write(string text)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".crl.pem");
        File.WriteAllText(path, text);
        return path;
    }
}
