using System.Net.Sockets;
using Grpc.Core;

namespace Adjudication.Cli.Tests.Infrastructure;

/// <summary>How a call that did not succeed failed.</summary>
public static class Calls
{
    /// <summary>
    /// Whether the call never reached a node: the connection was refused (nothing listens any more). That is how a
    /// stopped node declines new calls; a call cut off in flight fails otherwise (reset, "response ended prematurely").
    /// </summary>
    public static bool WasRefusedAtConnect(RpcException ex)
    {
        for (var inner = ex.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused } or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
            {
                return true;
            }
        }

        return false;
    }
}
