using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP relay in front of a store that can stall it: while paused, what the node sends is read and held, nothing
/// reaches the store and nothing comes back, as with a frozen server; on resume the held bytes go through and the
/// store executes them. Works the same in front of a real redis-server or the embedded one.
/// </summary>
public sealed class StallingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly DnsEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _accepting;
    private TaskCompletionSource _open = Opened();

    /// <summary>Relays to the store at <paramref name="upstream"/> (host:port).</summary>
    public StallingProxy(string upstream)
    {
        var colon = upstream.LastIndexOf(':');
        _upstream = new DnsEndPoint(upstream[..colon], int.Parse(upstream[(colon + 1)..], CultureInfo.InvariantCulture));
        _listener.Start();
        Configuration = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    /// <summary>The configuration string a node uses to reach the store through the proxy.</summary>
    public string Configuration { get; }

    /// <summary>From now on, holds every byte in both directions.</summary>
    public void Pause() => Interlocked.CompareExchange(ref _open, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), _open);

    /// <summary>Lets the held bytes and all later ones through.</summary>
    public void Resume() => _open.TrySetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Resume();
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for a connection.
        }

        lock (_connections)
        {
            _connections.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var server = new TcpClient();
            await server.ConnectAsync(_upstream.Host, _upstream.Port, _stop.Token);
            lock (_connections)
            {
                _connections.Add(client);
                _connections.Add(server);
            }

            _ = PumpAsync(client.GetStream(), server.GetStream());
            _ = PumpAsync(server.GetStream(), client.GetStream());
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                await _open.Task.WaitAsync(_stop.Token);
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // One side closed or the proxy stopped: the relay of this connection ends.
        }
    }
}
