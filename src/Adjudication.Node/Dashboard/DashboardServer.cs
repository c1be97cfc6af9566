using System.Net;
using Adjudication.Node.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Adjudication.Node.Dashboard;

/// <summary>
/// Serves the network dashboard (<see cref="NodeOptions.DashboardPort"/>) on a listener of its own: plain HTTP/1.1 on a
/// loopback address, so a browser opens it without a client certificate and nothing of the node's mTLS listener is
/// loosened for it (DESIGN.md §8); an operator elsewhere reaches it through an SSH tunnel.
/// </summary>
internal sealed class DashboardServer(IOptions<NodeOptions> options, DashboardBuilder builder, ILogger<DashboardServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Where the dashboard listens once started (the port taken when 0 was asked); null when none is served.</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (host, port) = (options.Value.DashboardHost, options.Value.DashboardPort);
        if (port < 0)
        {
            return;
        }

        var web = WebApplication.CreateSlimBuilder();
        web.Logging.ClearProviders();
        web.WebHost.ConfigureKestrel(k =>
        {
            if (IPAddress.TryParse(host, out var ip))
            {
                k.Listen(ip, port, l => l.Protocols = HttpProtocols.Http1);
            }
            else
            {
                k.ListenLocalhost(port, l => l.Protocols = HttpProtocols.Http1);
            }
        });
        _app = web.Build();
        _app.MapGet("/", PageAsync);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(bound);
        DashboardLog.Listening(logger, bound);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task PageAsync(HttpContext http)
    {
        string page;
        try
        {
            page = DashboardPage.Render(await builder.BuildAsync(http.RequestAborted).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The page is read by people: a store or a peer that fails shows as an error page, never a crash of the node.
            DashboardLog.PageFailed(logger, ex);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            page = "The dashboard could not be built just now (see the node's log); it retries on its own.";
        }

        http.Response.ContentType = http.Response.StatusCode == StatusCodes.Status200OK ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(page, http.RequestAborted).ConfigureAwait(false);
    }
}
