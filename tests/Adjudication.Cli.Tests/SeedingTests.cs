using System.Globalization;
using Adjudication.Cli.Demo;
using Adjudication.Cli.Tests.Infrastructure;
using Adjudication.Contracts.V1;
using Adjudication.Node.Security;

namespace Adjudication.Cli.Tests;

/// <summary>
/// Demo data is loaded through the node's API under fixed msgids: restarting <c>adjudication node</c> without
/// <c>--no-seed</c> sends it again and keeps what the node did (the issue saw a spent balance come back, and an account
/// pay out more than it ever held).
/// </summary>
public sealed class SeedingTests
{
    private const string City = "140100";

    [Fact]
    public async Task Node_RestartedWithoutNoSeed_KeepsTheSpentBalance()
    {
        // Arrange: a node with demo data on a store that outlives it, the way an operator runs it.
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var address = $"http://127.0.0.1:{port}";
        string[] command = ["node", "--plaintext", "--redis", TestRedis.Configuration, "--key-prefix", TestRedis.NewPrefix(), "--port", port];
        var (employee, opening) = DemoSeeder.Persons(City)[1];
        long left;
        await using (var first = CliProcess.StartCli(command))
        {
            await first.WaitForOutputAsync("Demo data loaded into the empty store");
            await first.WaitForOutputAsync($"listening at {address}");
            using var channel = SecureChannel.Plaintext(address, CallerIdentity.Institution(DemoSeeder.Pharmacy(City), City));
            var pharmacy = new DemoTerminal(new SettlementService.SettlementServiceClient(channel), DemoSeeder.Pharmacy(City), TimeProvider.System);
            Assert.Equal(opening.Fen, await BalanceAsync(channel, employee.PsnNo));

            // Act: the employee buys medicine from the personal account; the node is stopped as a service manager does.
            var purchase = await pharmacy.SettleVisitAsync(employee.PsnNo, City, Insutype.EmployeeBasic, MedType.Pharmacy,
                [DemoTerminal.Line("XC09AAC082A001010100002", 0.52m, 60), DemoTerminal.Line("XA10BAA050A001010100003", 0.3m, 90)], useAccount: true);
            left = opening.Fen - purchase.Split.AcctPay;
            Assert.True(purchase.Split.AcctPay > 0, $"the purchase paid nothing from the account: {purchase.Split}");
            Assert.Equal(left, purchase.Split.Balc);
            await first.TerminateAsync();
            Assert.Equal(0, await first.WaitForExitAsync());
        }

        // Act: the same command again, as after a reboot.
        await using var second = CliProcess.StartCli(command);
        await second.WaitForOutputAsync($"already holds the demo data for {City}");
        await second.WaitForOutputAsync($"listening at {address}");

        // Assert: the demo data was sent again (the opening credit under its msgid too), and the account still holds what
        // was left, not the demo's opening balance.
        using (var channel = SecureChannel.Plaintext(address, CallerIdentity.Institution(DemoSeeder.Pharmacy(City), City)))
        {
            Assert.Equal(left, await BalanceAsync(channel, employee.PsnNo));
        }

        Assert.DoesNotContain("Demo data loaded", second.Output, StringComparison.Ordinal);
        await second.TerminateAsync();
        Assert.Equal(0, await second.WaitForExitAsync());
    }

    [Fact]
    public async Task Node_MutualTls_LoadsTheDemoDataAsTheCityAgencyWithACertificateFromTheCaBesideTlsCa()
    {
        // Arrange: a CA and a node certificate, as 'adjudication certs' writes them (ca.key.pem beside ca.crt.pem).
        var folder = Directory.CreateTempSubdirectory("adjudication-seed-test-").FullName;
        try
        {
            using var ca = CertificateAuthority.CreateCa();
            CertificateAuthority.Write(ca, folder, CertificateAuthority.CaName);
            using var nodeCertificate = CertificateAuthority.Issue(ca, CallerIdentity.Node("M-" + City));
            var (cert, key) = CertificateAuthority.Write(nodeCertificate, folder, "M-" + City);
            var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);

            // Act
            await using var node = CliProcess.StartCli("node", "--redis", TestRedis.Configuration, "--key-prefix", TestRedis.NewPrefix(), "--port", port,
                "--tls-cert", cert, "--tls-key", key, "--tls-ca", Path.Combine(folder, CertificateAuthority.CaName + ".crt.pem"));
            await node.WaitForOutputAsync("Demo data loaded into the empty store");
            await node.WaitForOutputAsync($"listening at https://127.0.0.1:{port}");

            // Assert: the pharmacy, over mutual TLS, finds the employee with the opening balance credited to the account.
            var (employee, opening) = DemoSeeder.Persons(City)[1];
            using var pharmacy = CertificateAuthority.Issue(ca, CallerIdentity.Institution(DemoSeeder.Pharmacy(City), City));
            using var channel = SecureChannel.Create($"https://127.0.0.1:{port}", pharmacy, ca);
            Assert.Equal(opening.Fen, await BalanceAsync(channel, employee.PsnNo));
            await node.TerminateAsync();
            Assert.Equal(0, await node.WaitForExitAsync());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Node_MutualTlsWithoutCaKey_ExitsTwoSayingWhereTheKeyGoes()
    {
        // Arrange: the node's certificate and the CA certificate, but no CA key beside it: the agency that loads the demo
        // data could get no certificate.
        var folder = Directory.CreateTempSubdirectory("adjudication-seed-test-").FullName;
        try
        {
            using var ca = CertificateAuthority.CreateCa();
            var (caCert, caKey) = CertificateAuthority.Write(ca, folder, CertificateAuthority.CaName);
            File.Delete(caKey);
            using var nodeCertificate = CertificateAuthority.Issue(ca, CallerIdentity.Node("M-" + City));
            var (cert, key) = CertificateAuthority.Write(nodeCertificate, folder, "M-" + City);

            // Act
            var (exitCode, output) = await CliProcess.RunCliAsync("node", "--redis", TestRedis.Configuration, "--key-prefix", TestRedis.NewPrefix(), "--port", "0",
                "--tls-cert", cert, "--tls-key", key, "--tls-ca", caCert);

            // Assert
            CliConfigurationTests.AssertRefused(exitCode, output, $"there is no CA key at {caKey}. Keep ca.key.pem beside --tls-ca (as 'adjudication certs' writes it), or pass --no-seed.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // 1101 as the pharmacy: the person's account balance (balc).
    private static async Task<long> BalanceAsync(Grpc.Net.Client.GrpcChannel channel, string psnNo)
    {
        var idCard = DemoSeeder.Persons(City).First(p => p.Profile.PsnNo == psnNo).Profile.CertNo;
        var person = await new SettlementService.SettlementServiceClient(channel).GetPersonAsync(new GetPersonRequest
        {
            FixmedinsCode = DemoSeeder.Pharmacy(City),
            MdtrtCertType = MdtrtCertType.IdCard,
            MdtrtCertNo = idCard,
            InsuplcAdmdvs = City,
        }, deadline: DateTime.UtcNow.AddSeconds(10));
        return person.Balc;
    }
}
