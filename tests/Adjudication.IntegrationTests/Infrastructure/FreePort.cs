using System.Net;
using System.Net.Sockets;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP port free at the time of asking, for a listener that cannot take port 0 itself (the Prometheus scrape
/// endpoint's HttpListener). The operating system hands out ephemeral ports in turn, so it is not handed out again soon.
/// </summary>
public static class FreePort
{
    public static int Next()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
