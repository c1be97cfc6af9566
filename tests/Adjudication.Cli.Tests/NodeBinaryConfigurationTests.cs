using Adjudication.Cli.Tests.Infrastructure;

namespace Adjudication.Cli.Tests;

/// <summary>
/// The node binary (<c>src/Adjudication.Node</c>, configured through <c>Node:*</c>) runs the same checks as
/// <c>adjudication node</c>: exit code 2 with every problem on the console, never a stack trace or an abort (the issue
/// saw exit code 134 for an unreadable time span).
/// </summary>
public sealed class NodeBinaryConfigurationTests
{
    // The development mode on port 0 and a store that is not there: nothing here gets as far as either.
    private static readonly string[] Common = ["--Node:Plaintext=true", "--Node:Url=http://127.0.0.1:0", "--Node:Redis:Configuration=127.0.0.1:1"];

    public static TheoryData<string[], string> BadSettings => new()
    {
        { ["--Node:RelayTimeout=banana"], "Node:RelayTimeout = 'banana' cannot be read: write a time span as hh:mm:ss, e.g. 00:00:10." },
        { ["--Node:Role=bogus"], "Node:Role 'bogus' is not a role; use municipal" },
        { ["--Node:Admdvs=140000"], "Node:Admdvs (--admdvs) 140000 is a province (PP0000), but a municipal node serves a city" },
        { ["--Node:Admdvs=99"], "Node:Admdvs (--admdvs) '99' is not a division code" },
        { ["--Node:Id=M-140100"], "Node:Id (--id) 'M-140100' names a node of a topology, but no topology is given" },
        { ["--Node:Redis:TimeoutMilliseconds=soon"], "Node:Redis:TimeoutMilliseconds = 'soon' cannot be read: write a whole number" },
        { ["--Node:RelayTimout=00:00:05"], "Node:RelayTimout is not a setting of the node; the settings under Node are Id, Topology, Admdvs, Role, RelayTimeout" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task NodeBinary_BadSetting_ExitsTwoWithWhatToDoAndNoStackTrace(string[] settings, string expected)
    {
        // Act
        var (exitCode, output) = await CliProcess.RunNodeBinaryAsync([.. Common, .. settings]);

        // Assert
        CliConfigurationTests.AssertRefused(exitCode, output, expected);
    }
}
