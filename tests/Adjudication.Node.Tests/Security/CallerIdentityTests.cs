using Adjudication.Node.Security;

namespace Adjudication.Node.Tests.Security;

/// <summary>The identity URI a certificate carries (DESIGN.md §8, README "Security").</summary>
public sealed class CallerIdentityTests
{
    [Theory]
    [InlineData("adjudication://institution/H14010000001", IdentityKind.Institution, "H14010000001", null)]
    [InlineData("adjudication://institution/H14010000001?admdvs=140100", IdentityKind.Institution, "H14010000001", "140100")]
    [InlineData("adjudication://agency/A14010000000?admdvs=140000", IdentityKind.Agency, "A14010000000", "140000")]
    [InlineData("adjudication://node/M-140100", IdentityKind.Node, "M-140100", null)]
    [InlineData("adjudication://operator/ops.1", IdentityKind.Operator, "ops.1", null)]
    public void TryParse_WellFormed_KindIdAndDivisionAndRoundTrip(string uri, IdentityKind kind, string id, string? admdvs)
    {
        Assert.True(CallerIdentity.TryParse(uri, out var identity));
        Assert.Equal(new CallerIdentity(kind, id, admdvs), identity);
        Assert.Equal(uri, identity.ToUri());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://node/M-140100")]
    [InlineData("adjudication://hospital/H14010000001")]
    [InlineData("adjudication://node/")]
    [InlineData("adjudication://node/a/b")]
    [InlineData("adjudication://node/M 140100")]
    [InlineData("adjudication://agency/A14010000000")]
    [InlineData("adjudication://agency/A1?admdvs=1401")]
    [InlineData("adjudication://agency/A1?city=140100")]
    [InlineData("adjudication://node/M-140100?admdvs=140100&x=1")]
    public void TryParse_Malformed_False(string? uri) => Assert.False(CallerIdentity.TryParse(uri, out _));

    [Fact]
    public void FromCertificate_IssuedByCa_CarriesTheIdentityAndChainsOnlyToThatCa()
    {
        // Arrange: two CAs; a hospital certificate from the first.
        using var ca = CertificateAuthority.CreateCa("first");
        using var other = CertificateAuthority.CreateCa("second");
        var hospital = CallerIdentity.Institution("H14010000001", "140100");
        using var issued = CertificateAuthority.Issue(ca, hospital);
        var folder = Directory.CreateTempSubdirectory("identity-test-").FullName;
        try
        {
            CertificateAuthority.Write(ca, folder, CertificateAuthority.CaName);
            CertificateAuthority.Write(CertificateAuthority.Issue(ca, CallerIdentity.Node("M-140100"), ["node1.example"]), folder, "M-140100");
            using var credentials = NodeCredentials.Load(new TlsOptions
            {
                Certificate = Path.Combine(folder, "M-140100.crt.pem"),
                Key = Path.Combine(folder, "M-140100.key.pem"),
                Ca = Path.Combine(folder, "ca.crt.pem"),
            });

            // Act + Assert: the identity round-trips through the certificate; only the issuing CA's certificates verify.
            Assert.Equal(hospital, CallerIdentity.FromCertificate(issued));
            Assert.Equal(CallerIdentity.Node("M-140100"), credentials.Identity);
            Assert.True(credentials.IsIssuedByCa(issued));
            using var foreign = CertificateAuthority.Issue(other, hospital);
            Assert.False(credentials.IsIssuedByCa(foreign));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Load_NonNodeCertificate_RefusedWithHowToIssueOne()
    {
        using var ca = CertificateAuthority.CreateCa();
        var folder = Directory.CreateTempSubdirectory("identity-test-").FullName;
        try
        {
            CertificateAuthority.Write(ca, folder, CertificateAuthority.CaName);
            CertificateAuthority.Write(CertificateAuthority.Issue(ca, CallerIdentity.Institution("H14010000001")), folder, "h");
            var options = new TlsOptions { Certificate = Path.Combine(folder, "h.crt.pem"), Key = Path.Combine(folder, "h.key.pem"), Ca = Path.Combine(folder, "ca.crt.pem") };

            var refused = Assert.Throws<NodeConfigurationException>(() => NodeCredentials.Load(options));

            Assert.Contains("--kind node", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Issue_InstitutionAndNode_OnlyNodesMayServeTlsAndBothMayAuthenticateAsClients()
    {
        using var ca = CertificateAuthority.CreateCa();
        using var hospital = CertificateAuthority.Issue(ca, CallerIdentity.Institution("H14010000001"));
        using var node = CertificateAuthority.Issue(ca, CallerIdentity.Node("M-140100"));

        Assert.Equal(
            (true, false, true, true),
            (CertificateAuthority.Allows(hospital, CertificateAuthority.ClientAuthentication), CertificateAuthority.Allows(hospital, CertificateAuthority.ServerAuthentication),
             CertificateAuthority.Allows(node, CertificateAuthority.ClientAuthentication), CertificateAuthority.Allows(node, CertificateAuthority.ServerAuthentication)));
    }
}
