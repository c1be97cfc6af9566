using System.Globalization;
using Adjudication.Cli.Tests.Infrastructure;
using Adjudication.Contracts.V1;
using Adjudication.Contracts.V1.Policies;
using Adjudication.Node.Security;
using StackExchange.Redis;

namespace Adjudication.Cli.Tests;

/// <summary>
/// <c>adjudication import</c> as an agency runs it against a node with no data: the sample files under the CLI's demo
/// data load through the API; a re-run changes nothing in the store; refused rows are listed and exit 1.
/// </summary>
public sealed class ImportCommandTests : IAsyncLifetime
{
    private const string CityAgency = "adjudication://agency/A14010000000?admdvs=140100";
    private const string ProvinceAgency = "adjudication://agency/A14000000000?admdvs=140000";
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "ImportSamples");
    private readonly string _prefix = TestRedis.NewPrefix();
    private readonly string _address;
    private readonly string _port;
    private CliProcess? _node;

    public ImportCommandTests()
    {
        _port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        _address = $"http://127.0.0.1:{_port}";
    }

    public async Task InitializeAsync()
    {
        _node = CliProcess.StartCli("node", "--plaintext", "--no-seed", "--redis", TestRedis.Configuration, "--key-prefix", _prefix, "--port", _port);
        await _node.WaitForOutputAsync($"listening at {_address}");
    }

    public async Task DisposeAsync()
    {
        await _node!.TerminateAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Import_EverySampleFileTwice_LoadsThemThenChangesNothing()
    {
        // Act: each kind as its agency loads it; then the same files again.
        var first = await ImportAllAsync();
        var snapshot = await StoreAsync();
        var second = await ImportAllAsync();

        // Assert: every row applied, exit 0; the persons' re-run reports them unchanged; the store is byte-identical.
        Assert.All(first.Concat(second), run => Assert.True(run.ExitCode == 0, run.Output));
        Assert.Contains("│ persons │    5 │       5 │         0 │       0 │", first[0].Output, StringComparison.Ordinal);
        Assert.Contains("│ persons │    5 │       0 │         5 │       0 │", second[0].Output, StringComparison.Ordinal);
        Assert.Contains("│ accounts │    4 │       4 │         0 │       0 │", first[2].Output, StringComparison.Ordinal);
        Assert.Contains(snapshot, entry => entry.Contains("14010090000003", StringComparison.Ordinal));
        Assert.Contains(snapshot, entry => entry.Contains("H14010000102", StringComparison.Ordinal));
        Assert.Equal(snapshot, await StoreAsync());

        // Assert: what the node holds, read through the API: 2,400.00 credited and 100.00 taken back; the 2027 policy.
        using var city = SecureChannel.Plaintext(_address, Agency(CityAgency));
        var journal = await new ReferenceDataService.ReferenceDataServiceClient(city).ListAccountJournalAsync(
            new ListAccountJournalRequest { PsnNo = "14010090000001", InsuplcAdmdvs = "140100" });
        Assert.Equal([240_000L, -10_000L], journal.Movements.Select(m => m.Amount));
        Assert.Equal(230_000, journal.Movements[^1].Balc);
        var versions = await new PolicyService.PolicyServiceClient(city).ListPolicyVersionsAsync(
            new ListPolicyVersionsRequest { InsuplcAdmdvs = "140100", Insutype = Insutype.EmployeeBasic });
        Assert.Equal(["2027-01-01"], versions.Versions.Select(v => v.Policy.EffectiveDate));
    }

    [Fact]
    public async Task Import_RowsTheNodeOrTheFileRefuses_ListedByLineWithTheReasonAndExitOne()
    {
        // Arrange: a row of another city, a third decimal, and a good row between them.
        var file = Path.Combine(Path.GetTempPath(), "adjudication-import-" + Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllTextAsync(file, """
            psn_no,insuplc_admdvs,psn_name,certno,insutype,psn_type
            14070090000001,140700,李四,140700199001010011,310,1
            14010090000009,140100,王五,140100199001010099,310,1
            14010090000010,140100,赵六,140100199001010100,310,7
            """);
        try
        {
            // Act
            var (exitCode, output) = await CliProcess.RunCliAsync("import", "--kind", "persons", "--file", file, "--node", _address, "--as", CityAgency);

            // Assert
            Assert.Equal(1, exitCode);
            Assert.Contains("│ persons │    3 │       1 │         0 │       2 │", output, StringComparison.Ordinal);
            Assert.Matches(@"line 2\s*│\s*AGENCY_MISMATCH", output);
            Assert.Matches(@"line 4\s*│\s*psn_type '7' must be one of 1, 2, 3, 4", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Import_HeaderLacksAColumn_ExitTwoAndNothingSent()
    {
        var file = Path.Combine(Path.GetTempPath(), "adjudication-import-" + Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllTextAsync(file, "psn_no,insuplc_admdvs\n14010090000001,140100\n");
        try
        {
            var (exitCode, output) = await CliProcess.RunCliAsync("import", "--kind", "persons", "--file", file, "--node", _address, "--as", CityAgency);

            Assert.Equal(2, exitCode);
            Assert.Contains("lacks the column(s) psn_name, certno, insutype, psn_type", output, StringComparison.Ordinal);
            Assert.Contains("Nothing was sent.", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static CallerIdentity Agency(string uri) => CallerIdentity.TryParse(uri, out var identity) ? identity : throw new ArgumentException(uri);

    private async Task<List<(int ExitCode, string Output)>> ImportAllAsync()
    {
        var runs = new List<(int, string)>();
        foreach (var (kind, file, agency) in new[]
        {
            ("persons", "persons.csv", CityAgency), ("institutions", "institutions.csv", CityAgency), ("accounts", "accounts.csv", CityAgency),
            ("policies", "policies.json", CityAgency), ("zones", "zones.json", ProvinceAgency),
        })
        {
            runs.Add(await CliProcess.RunCliAsync("import", "--kind", kind, "--file", Path.Combine(Samples, file), "--node", _address, "--as", agency));
        }

        return runs;
    }

    // Every key under the node's prefix with its DUMP, in key order.
    private async Task<List<string>> StoreAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestRedis.Configuration);
        var dump = new List<string>();
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }

            await foreach (var key in server.KeysAsync(pattern: _prefix + ":*"))
            {
                var bytes = (byte[]?)await redis.GetDatabase().KeyDumpAsync(key);
                dump.Add($"{key}={Convert.ToBase64String(bytes ?? [])}");
            }
        }

        dump.Sort(StringComparer.Ordinal);
        return dump;
    }
}
