using System.Net.Sockets;
using Grpc.Core;

namespace Adjudication.Cli.Tests.Infrastructure;

/// <summary>How a call that did not succeed failed.</summary>
public static class Calls
{
    /// <summary>
    /// Whether the call never reached a node: the connection was refused (nothing listens any more), or the node had
    /// closed the connection gracefully (GOAWAY with NO_ERROR) as the call's headers went out, so the call was not taken
    /// (HTTP/2 §6.8: streams above the GOAWAY's last stream id were not processed). That is how a stopping node declines
    /// new calls; a call cut off in flight fails otherwise (reset, "response ended prematurely").
    /// </summary>
    public static bool WasRefusedAtConnect(RpcException ex)
    {
        for (var inner = ex.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.ConnectionRefused } or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
                or System.Net.Http.HttpProtocolException { ErrorCode: 0 })
            {
                return true;
            }
        }

        return false;
    }
}
