using System.Net;
using System.Net.Sockets;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// A peer that hangs: it accepts TCP connections on 127.0.0.1 and never reads or answers (a frozen process, a wedged
/// load balancer). Calls to it fail only by their deadline.
/// </summary>
public sealed class HungPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public HungPeer()
    {
        _listener.Start();
        Address = $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    /// <summary>Its address, as a topology lists a node's.</summary>
    public string Address { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
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

        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            lock (_held)
            {
                _held.Add(client);
            }
        }
    }
}
