using System.Net;
using System.Net.Sockets;
using Adjudication.Cli.Tests.Infrastructure;

namespace Adjudication.Cli.Tests;

/// <summary>
/// What the node says when its surroundings are wrong at start: a port another process holds (exit code 2, the port
/// named, no stack trace); a Redis that does not answer, which is no configuration error: the node starts, says so and
/// keeps reconnecting; only the demo data, which needs the store to check that it is empty, refuses to wait.
/// </summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task Node_PortTaken_ExitsTwoNamingThePort()
    {
        // Arrange: another process (this one) listens on the port.
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        // Act
        var (exitCode, output) = await CliProcess.RunCliAsync("node", "--plaintext", "--no-seed", "--redis", TestRedis.Configuration, "--key-prefix", TestRedis.NewPrefix(), "--port", Port(port));

        // Assert
        CliConfigurationTests.AssertRefused(exitCode, output, $"Cannot listen at http://127.0.0.1:{port}: the port is in use by another process. Stop that process, or choose another port (--port, Node:Url).");
    }

    [Fact]
    public async Task NodeBinary_PortTaken_ExitsTwoNamingThePort()
    {
        // Arrange
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        // Act
        var (exitCode, output) = await CliProcess.RunNodeBinaryAsync(
            "--Node:Plaintext=true", $"--Node:Url=http://127.0.0.1:{Port(port)}", $"--Node:Redis:Configuration={TestRedis.Configuration}", $"--Node:Redis:KeyPrefix={TestRedis.NewPrefix()}");

        // Assert
        CliConfigurationTests.AssertRefused(exitCode, output, $"Cannot listen at http://127.0.0.1:{port}: the port is in use by another process.");
    }

    [Fact]
    public async Task Node_RedisDownWithDemoData_ExitsTwoSayingWhatToDo()
    {
        // Arrange: a port nobody listens on stands for a Redis that is down.
        var redis = $"127.0.0.1:{FreePort.Next()}";

        // Act
        var (exitCode, output) = await CliProcess.RunCliAsync("node", "--plaintext", "--redis", redis, "--port", "0");

        // Assert
        CliConfigurationTests.AssertRefused(exitCode, output, $"Redis at {redis} does not answer, so the demo data can be neither checked nor loaded. Start Redis or correct --redis; or pass --no-seed");
    }

    [Fact]
    public async Task Node_RedisDownWithoutDemoData_StartsSaysSoAndStopsCleanly()
    {
        // Arrange
        var redis = $"127.0.0.1:{FreePort.Next()}";
        await using var node = CliProcess.StartCli("node", "--plaintext", "--no-seed", "--redis", redis, "--port", "0");

        // Act: the node comes up without its store, then is stopped.
        await node.WaitForOutputAsync($"Redis at {redis} did not answer within 2000 ms. The node starts anyway and keeps reconnecting");
        await node.WaitForOutputAsync("listening at http://127.0.0.1:");
        await node.TerminateAsync();

        // Assert
        Assert.Equal(0, await node.WaitForExitAsync());
        Assert.False(CliProcess.HasStackTrace(node.Output), node.Output);
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
