using System.Security.Cryptography.X509Certificates;
using Adjudication.Cli.Tests.Infrastructure;
using Adjudication.Node.Security;

namespace Adjudication.Cli.Tests;

/// <summary>
/// <c>adjudication certs</c> as operators script it (README "Security"): the files it writes carry the identities the
/// nodes read, keys are private to their owner, and nothing overwrites a CA.
/// </summary>
public sealed class CertsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("adjudication-certs-test-").FullName;

    [Fact]
    public async Task CaThenIssue_InstitutionAgencyNode_FilesCarryTheIdentitiesAndPrivateKeys()
    {
        // Act
        Assert.Equal(0, (await CliProcess.RunCliAsync("certs", "ca", "--out", _folder)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunCliAsync("certs", "issue", "--ca", _folder, "--kind", "institution", "--id", "H14010000001", "--admdvs", "140100", "--out", _folder)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunCliAsync("certs", "issue", "--ca", _folder, "--kind", "agency", "--id", "A14000000000", "--admdvs", "140000", "--out", _folder)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunCliAsync("certs", "issue", "--ca", _folder, "--kind", "node", "--id", "M-140100", "--host", "node1.example", "--host", "10.0.1.4", "--out", _folder)).ExitCode);

        // Assert: each certificate names its holder, chains to the CA, and its key is readable by its owner only.
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_folder, "ca.crt.pem"));
        foreach (var (name, expected) in new[]
        {
            ("H14010000001", CallerIdentity.Institution("H14010000001", "140100")),
            ("A14000000000", CallerIdentity.Agency("A14000000000", "140000")),
            ("M-140100", CallerIdentity.Node("M-140100")),
        })
        {
            using var issued = CertificateAuthority.Load(Path.Combine(_folder, name + ".crt.pem"), Path.Combine(_folder, name + ".key.pem"));
            Assert.Equal(expected, CallerIdentity.FromCertificate(issued));
            Assert.True(CertificateAuthority.IsIssuedBy(issued, ca));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, name + ".key.pem")));
            }
        }

        using var node = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_folder, "M-140100.crt.pem"));
        var names = Assert.Single(node.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["localhost", "node1.example"], names.EnumerateDnsNames().Order(StringComparer.Ordinal));
        Assert.Equal(["10.0.1.4", "127.0.0.1"], names.EnumerateIPAddresses().Select(a => a.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task IssueAndCa_WouldOverwriteTheCa_ExitTwoAndCaUnchanged()
    {
        // Arrange
        Assert.Equal(0, (await CliProcess.RunCliAsync("certs", "ca", "--out", _folder)).ExitCode);
        var before = await File.ReadAllTextAsync(Path.Combine(_folder, "ca.key.pem"));

        // Act: a certificate named like the CA's files, and a second CA in the same folder.
        var namedCa = await CliProcess.RunCliAsync("certs", "issue", "--ca", _folder, "--kind", "operator", "--id", "ca", "--out", _folder);
        var secondCa = await CliProcess.RunCliAsync("certs", "ca", "--out", _folder);

        // Assert
        CliConfigurationTests.AssertRefused(namedCa.ExitCode, namedCa.Output, "would overwrite the CA's own files");
        CliConfigurationTests.AssertRefused(secondCa.ExitCode, secondCa.Output, "already holds a CA");
        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(_folder, "ca.key.pem")));
    }

    [Fact]
    public async Task Revoke_ByFileThenAgainThenBySerials_ListSignedByTheCaHoldsEachOnce()
    {
        // Arrange: two institutions' certificates.
        Assert.Equal(0, (await CliProcess.RunCliAsync("certs", "ca", "--out", _folder)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunCliAsync("certs", "issue", "--ca", _folder, "--kind", "institution", "--id", "H14010000001", "--out", _folder)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunCliAsync("certs", "issue", "--ca", _folder, "--kind", "institution", "--id", "H14010000002", "--out", _folder)).ExitCode);
        using var first = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_folder, "H14010000001.crt.pem"));
        using var second = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_folder, "H14010000002.crt.pem"));
        var secondSerial = string.Join(':', second.SerialNumber.Chunk(2).Select(pair => new string(pair)));

        // Act: the first by its file, the first again, the second by its serial as openssl prints it (with colons) together
        // with a serial of no certificate here (lower case).
        var byFile = await CliProcess.RunCliAsync("certs", "revoke", "--ca", _folder, "--certificate", Path.Combine(_folder, "H14010000001.crt.pem"));
        var again = await CliProcess.RunCliAsync("certs", "revoke", "--ca", _folder, "--certificate", Path.Combine(_folder, "H14010000001.crt.pem"));
        var bySerial = await CliProcess.RunCliAsync("certs", "revoke", "--ca", _folder, "--serial", secondSerial, "0a");

        // Assert: each run says what it did; the list is the CA's and names each certificate once.
        Assert.Equal((0, 0, 0), (byFile.ExitCode, again.ExitCode, bySerial.ExitCode));
        Assert.Contains("Revoked", byFile.Output, StringComparison.Ordinal);
        Assert.Contains("is revoked already", again.Output, StringComparison.Ordinal);
        Assert.Contains("is unchanged (1 revoked)", again.Output, StringComparison.Ordinal);
        Assert.Contains("Revoked 2 serials", bySerial.Output, StringComparison.Ordinal);
        Assert.Contains("lists 3", bySerial.Output, StringComparison.Ordinal);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_folder, "ca.crt.pem"));
        var list = RevocationList.Load(Path.Combine(_folder, "ca.crl.pem"), ca);
        Assert.Equal((true, true, 3), (list.IsRevoked(first), list.IsRevoked(second), list.Count));
    }

    [Fact]
    public async Task Revoke_NoCertificateNamedOrOneOfAnotherCa_ExitTwoAndNoList()
    {
        // Arrange: a second CA in a folder of its own, which issued a certificate.
        var elsewhere = Directory.CreateTempSubdirectory("adjudication-certs-other-").FullName;
        Assert.Equal(0, (await CliProcess.RunCliAsync("certs", "ca", "--out", _folder)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunCliAsync("certs", "ca", "--out", elsewhere)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunCliAsync("certs", "issue", "--ca", elsewhere, "--kind", "operator", "--id", "ops", "--out", elsewhere)).ExitCode);

        // Act
        var neither = await CliProcess.RunCliAsync("certs", "revoke", "--ca", _folder);
        var foreign = await CliProcess.RunCliAsync("certs", "revoke", "--ca", _folder, "--certificate", Path.Combine(elsewhere, "ops.crt.pem"));
        var notHex = await CliProcess.RunCliAsync("certs", "revoke", "--ca", _folder, "--serial", "XYZ");

        // Assert
        CliConfigurationTests.AssertRefused(neither.ExitCode, neither.Output, "--certificate FILE or --serial HEX");
        CliConfigurationTests.AssertRefused(foreign.ExitCode, foreign.Output, "was not issued by this CA");
        CliConfigurationTests.AssertRefused(notHex.ExitCode, notHex.Output, "is not a serial number");
        Assert.False(File.Exists(Path.Combine(_folder, "ca.crl.pem")));
        Directory.Delete(elsewhere, recursive: true);
    }

    [Theory]
    [InlineData(new[] { "--kind", "agency", "--id", "A14010000000" }, "An agency needs --admdvs")]
    [InlineData(new[] { "--kind", "institution", "--id", "X1" }, "is not a fixmedins_code")]
    [InlineData(new[] { "--kind", "node", "--id", "M 140100" }, "must be 1-64 letters")]
    [InlineData(new[] { "--kind", "node", "--id", "M-140100", "--admdvs", "1401" }, "is not a 6-digit division code")]
    public async Task Issue_BadIdentity_ExitTwoSayingWhatIsExpected(string[] identity, string expected)
    {
        Assert.Equal(0, (await CliProcess.RunCliAsync("certs", "ca", "--out", _folder)).ExitCode);

        var (exitCode, output) = await CliProcess.RunCliAsync(["certs", "issue", "--ca", _folder, .. identity, "--out", _folder]);

        CliConfigurationTests.AssertRefused(exitCode, output, expected);
        Assert.Equal(["ca.crt.pem", "ca.key.pem"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Network_Topology_OneNodeCertificatePerEntryWithTheHostsOfItsAddresses()
    {
        // Arrange
        var topology = Path.Combine(_folder, "topology.json");
        await File.WriteAllTextAsync(topology, """
            { "nodes": [
              { "id": "N", "role": "national", "admdvs": "000000", "addresses": ["https://10.0.0.1:5100"], "parent": null },
              { "id": "P-140000", "role": "provincial", "admdvs": "140000", "addresses": ["https://p1.example:5100", "https://p2.example:5100"], "parent": "N" },
              { "id": "M-140100", "role": "municipal", "admdvs": "140100", "addresses": ["https://10.0.1.4:5100"], "parent": "P-140000" }
            ] }
            """);
        var certs = Path.Combine(_folder, "certs");

        // Act
        var (exitCode, output) = await CliProcess.RunCliAsync("certs", "network", "--topology", topology, "--out", certs);

        // Assert: a CA was made there, and each node's certificate names it and serves its hosts.
        Assert.True(exitCode == 0, output);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(certs, "ca.crt.pem"));
        using var province = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(certs, "P-140000.crt.pem"));
        Assert.Equal(CallerIdentity.Node("P-140000"), CallerIdentity.FromCertificate(province));
        Assert.True(CertificateAuthority.IsIssuedBy(province, ca));
        var names = Assert.Single(province.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["localhost", "p1.example", "p2.example"], names.EnumerateDnsNames().Order(StringComparer.Ordinal));
        foreach (var id in new[] { "N", "M-140100" })
        {
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(certs, id + ".crt.pem"));
            Assert.Equal(CallerIdentity.Node(id), CallerIdentity.FromCertificate(certificate));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
