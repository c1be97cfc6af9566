using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Garnet;
using Garnet.common;
using Garnet.server;

namespace Adjudication.Storage.Embedded;

/// <summary>
/// An in-process RESP server (Microsoft Garnet) on a free loopback port, so the quickstart and local tests
/// run on a machine that has only the .NET SDK and no <c>redis-server</c>.
/// </summary>
/// <remarks>
/// Data lives in memory only and is gone once the server is disposed. Lua scripts run with key locking, so a
/// script is atomic with respect to other commands on the keys it declares in <c>KEYS</c>; a script that touches
/// a key it did not declare gets no such guarantee for that key.
/// </remarks>
public sealed class EmbeddedRedisServer : IDisposable, IAsyncDisposable
{
    // The port is reserved and then released before Garnet binds it, so another process can take it in
    // between; a handful of fresh ports makes that race practically irrelevant without looping forever.
    private const int MaxBindAttempts = 5;

    private readonly GarnetServer _server;
    private readonly string _checkpointDirectory;
    private int _disposed;

    private EmbeddedRedisServer(GarnetServer server, int port, string checkpointDirectory)
    {
        _server = server;
        _checkpointDirectory = checkpointDirectory;
        Endpoint = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
    }

    /// <summary>
    /// The <c>host:port</c> the server listens on, e.g. <c>127.0.0.1:54321</c>; it is a valid
    /// StackExchange.Redis configuration string on its own.
    /// </summary>
    public string Endpoint { get; }

    /// <summary>
    /// Starts a Garnet server bound to 127.0.0.1 on a free ephemeral port, in memory only, with Lua
    /// scripting enabled and no console or log output. It accepts connections as soon as this returns.
    /// </summary>
    /// <returns>The running server; dispose it to stop the server and discard its data.</returns>
    /// <param name="port">A port to bind, e.g. to bring a store back where clients expect it; 0 picks a free one.</param>
    /// <exception cref="GarnetException">No free port could be bound, or Garnet failed to start.</exception>
    public static EmbeddedRedisServer Start(int port = 0)
    {
        var fixedPort = port;
        for (var attempt = 1; ; attempt++)
        {
            port = fixedPort != 0 ? fixedPort : ReserveEphemeralPort();

            // Garnet creates this folder only if a client asks for a snapshot (SAVE/BGSAVE); without it
            // such a snapshot would land in the current working directory.
            var checkpointDirectory = Path.Combine(Path.GetTempPath(), "adjudication-garnet-" + Guid.NewGuid().ToString("N"));
            var server = new GarnetServer(CreateOptions(port, checkpointDirectory), loggerFactory: null, servers: null, cleanupDir: true);
            try
            {
                server.Start();
                return new EmbeddedRedisServer(server, port, checkpointDirectory);
            }
            catch (GarnetException ex) when (fixedPort == 0 && attempt < MaxBindAttempts && IsAddressInUse(ex))
            {
                Shutdown(server, checkpointDirectory);
            }
            catch
            {
                Shutdown(server, checkpointDirectory);
                throw;
            }
        }
    }

    /// <summary>Stops the server, closing every client connection and discarding all data.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Shutdown(_server, _checkpointDirectory);
    }

    /// <summary>
    /// Stops the server like <see cref="Dispose"/>; Garnet shuts down synchronously, so this completes at once.
    /// </summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static GarnetServerOptions CreateOptions(int port, string checkpointDirectory) => new()
    {
        EndPoints = [new IPEndPoint(IPAddress.Loopback, port)],

        // Garnet writes its ASCII banner and "Ready" line straight to Console unless told to be quiet, and
        // passing no logger factory to the server leaves every other message unwritten.
        QuietMode = true,

        // No storage tier means the log sits on a null device, and no AOF means no append-only file: nothing
        // is written to disk and nothing is recovered, which is what a throwaway quickstart store wants.
        EnableStorageTier = false,
        EnableAOF = false,
        Recover = false,
        CheckpointDir = checkpointDirectory,

        // Garnet's default 128 MiB hash index is sized for millions of keys, and suites that start a server per
        // fixture pay for it on every start; a quickstart holds a few thousand, and overflow buckets absorb more.
        IndexMemorySize = "16m",

        // The storage layer relies on EVAL/EVALSHA. Without transaction mode Garnet runs a script's commands
        // without holding locks, so two concurrent scripts could interleave; Redis guarantees they cannot.
        EnableLua = true,
        LuaTransactionMode = true,
        LuaOptions = new LuaOptions(
            LuaMemoryManagementMode.Native,
            memoryLimit: string.Empty,
            timeout: Timeout.InfiniteTimeSpan,
            logMode: LuaLoggingMode.Silent,
            allowedFunctions: [],
            logger: null),
    };

    /// <summary>A loopback port that was free a moment ago, for a store to be started on later.</summary>
    public static int ReserveEphemeralPort()
    {
        // Garnet reports the endpoint it was configured with, not the one the OS chose, so port 0 would
        // leave us unable to tell clients where to connect; ask the OS for a free port ourselves instead.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static bool IsAddressInUse(GarnetException exception) =>
        exception.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse };

    private static void Shutdown(GarnetServer server, string checkpointDirectory)
    {
        // cleanupDir already asks Garnet to delete the checkpoint folder; deleting it here as well keeps the
        // temp directory clean whatever Garnet's device factory leaves behind.
        server.Dispose();
        try
        {
            if (Directory.Exists(checkpointDirectory))
            {
                Directory.Delete(checkpointDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the caller's shutdown over it is not.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above: the OS temp cleaner removes it eventually.
        }
    }
}
