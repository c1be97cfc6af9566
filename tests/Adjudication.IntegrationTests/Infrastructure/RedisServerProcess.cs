using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// A private <c>redis-server</c> child process on a free loopback port, for tests that stop the store and start it
/// again. It keeps an append-only file fsynced on every write, as production does (README), so what was acknowledged
/// before a kill is there after the restart on the same port.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);
    private readonly string _executable;
    private readonly string _directory;
    private Process? _process;

    private RedisServerProcess(string executable, int port, string directory)
    {
        _executable = executable;
        Port = port;
        _directory = directory;
    }

    /// <summary>The port it listens on; the same across restarts.</summary>
    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string.</summary>
    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>The <c>redis-server</c> on PATH, or null when there is none.</summary>
    public static string? FindExecutable()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Starts a server on a free port and waits until it answers PING.</summary>
    public static async Task<RedisServerProcess> StartAsync(string executable)
    {
        var server = CreateStopped(executable);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Picks a free port and a data directory but starts nothing yet: a store that is down. <see cref="RestartAsync"/> starts it.</summary>
    public static RedisServerProcess CreateStopped(string executable)
    {
        var directory = Path.Combine(Path.GetTempPath(), "adjudication-redis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new RedisServerProcess(executable, Adjudication.Storage.Embedded.EmbeddedRedisServer.ReserveEphemeralPort(), directory);
    }

    /// <summary>Kills the server (SIGKILL: no graceful shutdown) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the server again on the same port and data directory and waits until it answers PING.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        _process?.Dispose();
        var start = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--daemonize", "no",
            "--save", string.Empty, "--appendonly", "yes", "--appendfsync", "always",
            "--dir", _directory, "--logfile", Path.Combine(_directory, "redis.log"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        await WaitUntilReadyAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                var log = Path.Combine(_directory, "redis.log");
                throw new InvalidOperationException("redis-server exited: " + (File.Exists(log) ? await File.ReadAllTextAsync(log) : "no log"));
            }

            if (await PingAsync())
            {
                return;
            }

            if (deadline.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING within {ReadyTimeout}");
            }

            // Polling a condition with a bounded deadline, not sleeping as synchronization.
            await Task.Delay(50);
        }
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
