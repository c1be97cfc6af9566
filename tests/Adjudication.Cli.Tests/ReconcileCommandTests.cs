using System.Globalization;
using Adjudication.Cli.Demo;
using Adjudication.Cli.Tests.Infrastructure;
using Adjudication.Contracts.V1;
using Adjudication.Node.Security;

namespace Adjudication.Cli.Tests;

/// <summary>
/// <c>adjudication reconcile</c> as a hospital runs it against its node (DESIGN.md §11): the demo node settles two
/// visits of its tertiary hospital through the API; a rows file listing them as settled balances (exit 0), a file with
/// one amount changed does not, and 3202 names that row (exit 1); a third decimal in the file is bad input (exit 2).
/// </summary>
public sealed class ReconcileCommandTests : IAsyncLifetime
{
    private const string City = "140100";
    private static readonly string Hospital = DemoSeeder.TertiaryHospital(City);
    private static readonly string HospitalIdentity = $"adjudication://institution/{Hospital}?admdvs={City}";
    private readonly string _prefix = TestRedis.NewPrefix();
    private readonly string _address;
    private readonly string _port;
    private CliProcess? _node;

    public ReconcileCommandTests()
    {
        _port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        _address = $"http://127.0.0.1:{_port}";
    }

    public async Task InitializeAsync()
    {
        _node = CliProcess.StartCli("node", "--plaintext", "--redis", TestRedis.Configuration, "--key-prefix", _prefix, "--port", _port);
        await _node.WaitForOutputAsync($"listening at {_address}");
    }

    public async Task DisposeAsync()
    {
        await _node!.TerminateAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Reconcile_RowsFileAsSettled_BalancedExitZero()
    {
        // Arrange
        var (rows, day) = await SettleTwoAsync();
        var file = await WriteAsync(rows);
        try
        {
            // Act
            var (exitCode, output) = await ReconcileAsync(file, day);

            // Assert: 250.00 + 4,000.00 settled, 2 rows.
            Assert.True(exitCode == 0, output);
            Assert.Contains("3201 balanced", output, StringComparison.Ordinal);
            Assert.Matches(@"medfee_sumamt\s*│\s*4250\.00\s*│\s*4250\.00\s*│\s*0\.00", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Reconcile_OneAmountChanged_NotBalancedExitOneAndTheRowListed()
    {
        // Arrange: the hospital booked the first visit's account payment 1.00 higher than the node did.
        var (rows, day) = await SettleTwoAsync();
        var node = rows[0].AcctPay;
        rows[0].AcctPay += 100;
        var file = await WriteAsync(rows);
        try
        {
            // Act
            var (exitCode, output) = await ReconcileAsync(file, day);

            // Assert
            Assert.True(exitCode == 1, output);
            Assert.Contains($"acct_pay: hospital {Yuan(node + 100)}, node {Yuan(node)}, difference 1.00", output, StringComparison.Ordinal);
            Assert.Contains("3202 rows that differ", output, StringComparison.Ordinal);
            Assert.Matches($@"amounts differ\s*│\s*{rows[0].SetlId}", output);
            Assert.Matches(@"│\s*2\s*│\s*2\s*│\s*1\s*│\s*0\s*│\s*0\s*│\s*1\s*│\s*0\s*│", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Reconcile_ThirdDecimalInRowsFile_ExitTwoNamingTheLine()
    {
        var file = Path.Combine(Path.GetTempPath(), "adjudication-rows-" + Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllTextAsync(file, "S1\tM1\tP1\t10.00\t5.00\t0.00\t0\nS2\tM2\tP2\t10.005\t5.00\t0.00\t0\n");
        try
        {
            var (exitCode, output) = await ReconcileAsync(file, "2026-06-15");

            Assert.Equal(2, exitCode);
            Assert.Contains("line 2: medfee_sumamt '10.005' has more than two decimals", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    // Two visits of demo persons at the tertiary hospital: an employee's 250.00 from the account, a resident child's 4,000.00.
    private async Task<(List<ReconcileRow> Rows, string Day)> SettleTwoAsync()
    {
        Assert.True(CallerIdentity.TryParse(HospitalIdentity, out var identity));
        using var channel = SecureChannel.Plaintext(_address, identity);
        var terminal = new DemoTerminal(new SettlementService.SettlementServiceClient(channel), Hospital, TimeProvider.System);
        var employee = await terminal.SettleVisitAsync($"{City}0000000002", City, Insutype.EmployeeBasic, MedType.GeneralOutpatient, [DemoTerminal.Line("250101015", 250.00m, 1m)], useAccount: true);
        var child = await terminal.SettleVisitAsync($"{City}0000000003", City, Insutype.ResidentBasic, MedType.Inpatient, [DemoTerminal.Line("250101015", 4000.00m, 1m)], useAccount: false);
        var rows = new[] { employee, child }.Select(s => new ReconcileRow
        {
            SetlId = s.SetlId, MdtrtId = s.MdtrtId, PsnNo = s.PsnNo, RefdSetlFlag = "0",
            MedfeeSumamt = s.Split.MedfeeSumamt, FundPaySumamt = s.Split.FundPaySumamt, AcctPay = s.Split.AcctPay,
        }).ToList();
        return (rows, employee.SetlTime[..10]);
    }

    private static async Task<string> WriteAsync(IEnumerable<ReconcileRow> rows)
    {
        var file = Path.Combine(Path.GetTempPath(), "adjudication-rows-" + Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllLinesAsync(file, rows.Select(r => string.Join('\t', r.SetlId, r.MdtrtId, r.PsnNo, Yuan(r.MedfeeSumamt), Yuan(r.FundPaySumamt), Yuan(r.AcctPay), r.RefdSetlFlag)));
        return file;
    }

    private Task<(int ExitCode, string Output)> ReconcileAsync(string file, string day) =>
        CliProcess.RunCliAsync("reconcile", "--node", _address, "--as", HospitalIdentity, "--institution", Hospital, "--from", day, "--to", day, "--rows", file);

    private static string Yuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
