using System.Net;
using System.Net.Sockets;

namespace Adjudication.Cli.Tests.Infrastructure;

/// <summary>Free loopback ports, asked of the operating system (bind port 0), never fixed numbers.</summary>
public static class FreePort
{
    /// <summary>A port free a moment ago, for a child process to listen on.</summary>
    public static int Next()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
