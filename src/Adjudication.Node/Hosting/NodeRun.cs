using System.Net;
using System.Net.Sockets;
using Adjudication.Node.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace Adjudication.Node.Hosting;

/// <summary>
/// Starting and running a built node (<see cref="NodeHost.BuildAsync"/>). A listen address that cannot be bound (the
/// port is taken, the host is not this machine's) is a configuration problem like the others, told as one sentence
/// saying what to change instead of Kestrel's stack trace.
/// </summary>
public static class NodeRun
{
    /// <summary>Where the started node serves its network dashboard (<see cref="NodeOptions.DashboardPort"/>); null when it serves none.</summary>
    public static Uri? DashboardAddress(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<Dashboard.DashboardServer>().Address;
    }

    /// <summary>Starts the node: binds its listener and starts its background services.</summary>
    /// <exception cref="NodeConfigurationException">The listen address cannot be bound.</exception>
    public static async Task StartNodeAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var url = app.Services.GetRequiredService<IOptions<NodeOptions>>().Value.Url;

        // Tried before the host starts anything, so a taken port is one sentence, not the host's failure log of every service.
        if (Probe(url) is { } refusal)
        {
            throw new NodeConfigurationException($"Cannot listen at {url}: {refusal}");
        }

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (CannotBind(ex) is { } reason)
        {
            // Taken between the probe and the bind.
            throw new NodeConfigurationException($"Cannot listen at {url}: {reason}");
        }
    }

    /// <summary>
    /// Starts the node and runs it until the host is asked to stop (SIGTERM, Ctrl+C), then stops it: no new
    /// connections, calls in flight finish (bounded by <see cref="HostOptions.ShutdownTimeout"/>).
    /// </summary>
    /// <exception cref="NodeConfigurationException">The listen address cannot be bound.</exception>
    public static async Task RunNodeAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await app.StartNodeAsync(cancellationToken).ConfigureAwait(false);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    // Binds (without listening) where Kestrel will listen, and lets go: the reason it cannot, or null. Port 0 always binds.
    private static string? Probe(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Port == 0)
        {
            return null;
        }

        // Kestrel binds an IP literal as given, localhost on loopback, and any other name on every interface.
        var address = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip
            : uri.IsLoopback ? IPAddress.Loopback
            : IPAddress.Any;
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, uri.Port));
            return null;
        }
        catch (SocketException ex)
        {
            return CannotBind(ex);
        }
    }

    // Kestrel reports a taken port as an IOException around AddressInUseException; other bind failures as the socket's own error.
    private static string? CannotBind(Exception ex) => ex switch
    {
        IOException { InnerException: AddressInUseException } or AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } =>
            "the port is in use by another process. Stop that process, or choose another port (--port, Node:Url).",
        SocketException { SocketErrorCode: SocketError.AddressNotAvailable } or IOException { InnerException: SocketException { SocketErrorCode: SocketError.AddressNotAvailable } } =>
            "that host is not an address of this machine. Listen at one of its addresses (--host, Node:Url), or 0.0.0.0 for all of them.",
        SocketException { SocketErrorCode: SocketError.AccessDenied } or IOException { InnerException: SocketException { SocketErrorCode: SocketError.AccessDenied } } =>
            "permission denied (a port below 1024 needs privileges). Choose a port from 1024 up (--port, Node:Url).",
        _ => null,
    };
}
