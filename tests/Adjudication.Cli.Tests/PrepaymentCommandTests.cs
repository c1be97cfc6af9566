using System.Globalization;
using Adjudication.Cli.Tests.Infrastructure;

namespace Adjudication.Cli.Tests;

/// <summary>
/// <c>adjudication prepayment</c> and <c>adjudication clearing statement</c> as an agency and an operator run them
/// against a national node (DESIGN.md §11), in development mode with a topology of its own: a deposit, a replay of it,
/// the status with its usage, and the statement of a month without rows.
/// </summary>
public sealed class PrepaymentCommandTests : IAsyncLifetime
{
    private const string ShanxiAgency = "adjudication://agency/A14000000001?admdvs=140000";
    private const string Operator = "adjudication://operator/tester";
    private readonly string _prefix = TestRedis.NewPrefix();
    private readonly string _topology = Path.Combine(Path.GetTempPath(), "adjudication-topology-" + Guid.NewGuid().ToString("N") + ".json");
    private readonly string _address;
    private CliProcess? _node;

    public PrepaymentCommandTests() => _address = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";

    public async Task InitializeAsync()
    {
        // Only the national node runs: deposits, status and statements need no other hop.
        var unused = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
        await File.WriteAllTextAsync(_topology, $$"""
            { "nodes": [
              { "id": "N", "role": "national", "admdvs": "000000", "addresses": ["{{_address}}"], "parent": null },
              { "id": "P-140000", "role": "provincial", "admdvs": "140000", "addresses": ["{{unused}}"], "parent": "N" },
              { "id": "M-140100", "role": "municipal", "admdvs": "140100", "addresses": ["{{unused}}"], "parent": "P-140000" },
              { "id": "P-110000", "role": "provincial", "admdvs": "110000", "addresses": ["{{unused}}"], "parent": "N" },
              { "id": "M-110100", "role": "municipal", "admdvs": "110100", "addresses": ["{{unused}}"], "parent": "P-110000" }
            ] }
            """);
        _node = CliProcess.StartCli("node", "--plaintext", "--topology", _topology, "--id", "N", "--redis", TestRedis.Configuration, "--key-prefix", _prefix);
        await _node.WaitForOutputAsync($"listening at {_address}");
    }

    public async Task DisposeAsync()
    {
        await _node!.TerminateAsync();
        await _node.DisposeAsync();
        File.Delete(_topology);
    }

    [Fact]
    public async Task Prepayment_DepositReplayStatus_TablesWithTheFiguresAndExitZero()
    {
        // Arrange
        const string Msgid = "A14000000001202607010000000001";

        // Act
        var deposit = await CliProcess.RunCliAsync("prepayment", "deposit", "--node", _address, "--as", ShanxiAgency, "--province", "140000", "--amount", "1500000.00", "--msgid", Msgid);
        var replay = await CliProcess.RunCliAsync("prepayment", "deposit", "--node", _address, "--as", ShanxiAgency, "--province", "140000", "--amount", "1500000.00", "--msgid", Msgid);
        var reused = await CliProcess.RunCliAsync("prepayment", "top-up", "--node", _address, "--as", ShanxiAgency, "--province", "140000", "--amount", "1.00", "--msgid", Msgid);
        var status = await CliProcess.RunCliAsync("prepayment", "status", "--node", _address, "--as", Operator);

        // Assert: 1,500,000.00 deposited once; nothing advanced yet, so 0.00% and green; a top-up under the same msgid
        // is refused; the status lists both provinces of the topology.
        Assert.True(deposit.ExitCode == 0, deposit.Output);
        Assert.Matches(@"140000\s*│\s*1500000\.00\s*│\s*0\.00\s*│\s*0\.00\s*│\s*0\.00\s*│\s*0\.00%\s*│\s*green", deposit.Output);
        Assert.True(replay.ExitCode == 0, replay.Output);
        Assert.Matches(@"140000\s*│\s*1500000\.00", replay.Output);
        Assert.Equal(2, reused.ExitCode);
        Assert.Contains("AlreadyExists", reused.Output, StringComparison.Ordinal);
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Matches(@"140000\s*│\s*1500000\.00", status.Output);
        Assert.Matches(@"110000\s*│\s*0\.00\s*│\s*0\.00\s*│\s*0\.00\s*│\s*0\.00\s*│\s*no prepayment", status.Output);
    }

    [Fact]
    public async Task ClearingStatement_MonthWithoutRows_TotalsZeroExitZero_AndAnOperatorCannotDeclare()
    {
        var statement = await CliProcess.RunCliAsync("clearing", "statement", "--node", _address, "--as", Operator, "--month", "2026-05");
        var declare = await CliProcess.RunCliAsync("clearing", "declare", "--node", _address, "--as", Operator, "--month", "2026-05", "--mdtrtarea", "140000");

        Assert.True(statement.ExitCode == 0, statement.Output);
        Assert.Contains("Clearing statement of 000000 for 2026-05", statement.Output, StringComparison.Ordinal);
        Assert.Matches(@"total\s*│\s*0\.00\s*│\s*0\.00\s*│\s*0\.00", statement.Output);
        Assert.Equal(2, declare.ExitCode);
        Assert.Contains("taken by an agency", declare.Output, StringComparison.Ordinal);
    }
}
