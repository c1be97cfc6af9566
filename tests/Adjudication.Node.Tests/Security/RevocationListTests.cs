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
        var twice = CertificateAuthority.Revoke(_ca, once, [Key(second)], Now.AddHours(1));
        var list = RevocationList.Load(Write(twice), _ca);

        // Assert
        Assert.Equal((true, true, false, 2), (list.IsRevoked(first), list.IsRevoked(second), list.IsRevoked(third), list.Count));
        CertificateRevocationListBuilder.LoadPem(twice, out var number);
        Assert.Equal(2, (int)number);
        Assert.Equal([Key(first), Key(second)], RevocationList.Read(System.Text.Encoding.ASCII.GetBytes(twice), _ca));
    }

    [Fact]
    public void Revoke_SerialWithItsHighBitSet_ReadBackWithoutTheSignByte()
    {
        // A positive INTEGER whose first byte is 0x80 or more is written after a 0x00 byte; the list compares without it.
        var crl = CertificateAuthority.Revoke(_ca, null, ["80AB01"], Now);

        Assert.Equal(["80AB01"], RevocationList.Read(System.Text.Encoding.ASCII.GetBytes(crl), _ca));
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

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private X509Certificate2 Issue(string code) => CertificateAuthority.Issue(_ca, CallerIdentity.Institution(code));

    private static string Key(X509Certificate2 certificate) => RevocationList.SerialKey(certificate.SerialNumberBytes.Span);

    private string Write(string text)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".crl.pem");
        File.WriteAllText(path, text);
        return path;
    }
}
