using Adjudication.Cli.Demo;
using Adjudication.Contracts.V1;
using Adjudication.Domain.Divisions;
using Adjudication.Node.Hosting;
using Adjudication.Node.Network;
using Adjudication.Node.Security;
using Adjudication.Storage;
using Adjudication.Storage.Embedded;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Adjudication.Cli.Commands;

/// <summary>
/// A node started in this process, over a given Redis or an embedded one, optionally seeded with demo data. Stopped on
/// request (<see cref="StopAsync"/>): no new connections, the calls in flight finish within <see cref="Draining.Timeout"/>.
/// </summary>
internal sealed class LocalNode : IAsyncDisposable
{
    private readonly EmbeddedRedisServer? _embedded;
    private readonly WebApplication _app;

    private LocalNode(EmbeddedRedisServer? embedded, WebApplication app, NodeOptions options, SeedClaim? seed)
    {
        _embedded = embedded;
        _app = app;
        Options = options;
        Seed = seed;
    }

    public NodeOptions Options { get; }

    public string Address => _app.Urls.First();

    /// <summary>What became of the demo data: null when none was asked for (or the node is not municipal).</summary>
    public SeedClaim? Seed { get; }

    /// <summary>
    /// Builds the node (every configuration problem refused at once), starts it, and loads the demo data through its API
    /// when asked and the store holds nothing else (<see cref="SeedMarker"/>) before it returns.
    /// <paramref name="overrides"/> are <c>--Node:KEY=VALUE</c> settings laid over the options. With
    /// <paramref name="jsonLogs"/> the console log is one JSON object per line (for a log collector) instead of text.
    /// </summary>
    /// <exception cref="NodeConfigurationException">A configuration problem, a port that cannot be bound, a store that does not answer when demo data is to be loaded, or no CA key to issue the agency that loads it a certificate.</exception>
    /// <exception cref="DemoDataException">The node refused the demo data or stopped answering while it was loaded.</exception>
    public static async Task<LocalNode> StartAsync(
        string? redis, string admdvs, Listener listener, string keyPrefix, bool seed, LogLevel logLevel, string? topology = null, string? id = null, string[]? overrides = null, bool jsonLogs = false)
    {
        var embedded = redis is null ? EmbeddedRedisServer.Start() : null;
        var options = new NodeOptions
        {
            Id = id ?? string.Empty,
            Topology = topology ?? string.Empty,
            Admdvs = admdvs,
            Url = listener.Url,
            Plaintext = listener.Plaintext,
            Tls = listener.Tls,
            Redis = new RedisStoreOptions { Configuration = redis ?? embedded!.Endpoint, KeyPrefix = keyPrefix },
        };
        WebApplication? app = null;
        try
        {
            app = await NodeHost.BuildAsync(options, overrides ?? [], logging: l => ConsoleLog(l, logLevel, jsonLogs), services: Draining.Configure).ConfigureAwait(false);

            // A city holds persons, policies and institutions; in a network its province may also publish the catalog later.
            var seedCity = seed && options.Role == NodeRole.Municipal;
            if (seedCity)
            {
                AgencyChannel.RequireCredentials(options);
            }

            var claim = seedCity ? await ClaimAsync(app, options).ConfigureAwait(false) : (SeedClaim?)null;
            var load = claim?.Outcome is SeedClaimOutcome.Claimed or SeedClaimOutcome.AlreadySeeded;
            await app.StartNodeAsync().ConfigureAwait(false);
            if (load)
            {
                await LoadDemoDataAsync(app, options).ConfigureAwait(false);
            }

            return new LocalNode(embedded, app, options, claim);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            embedded?.Dispose();
            throw;
        }
    }

    /// <summary>Completes when <paramref name="stop"/> is cancelled (SIGTERM, Ctrl+C).</summary>
    public static Task WaitForStopRequestAsync(CancellationToken stop) => Draining.WaitForStopRequestAsync(stop);

    /// <summary>Stops listening and waits for the calls in flight (at most <see cref="Draining.Timeout"/>).</summary>
    public Task StopAsync() => _app.StopAsync();

    /// <summary>Stops the node and discards it, and its embedded store when it has one.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _embedded?.Dispose();
    }

    // Demo data only goes into a store that holds nothing else (SeedMarker): a demo policy published over a real city's
    // would be in force there. A store the demo data went into before is loaded again, which completes a load that was
    // cut off and changes nothing else (every call is answered under its msgid as the first time).
    private static async Task<SeedClaim> ClaimAsync(WebApplication app, NodeOptions options)
    {
        var redis = app.Services.GetRequiredService<IConnectionMultiplexer>();
        if (!redis.IsConnected)
        {
            throw new NodeConfigurationException(
                $"Redis at {options.Redis.Configuration} does not answer, so the demo data can be neither checked nor loaded. Start Redis or correct --redis; " +
                "or pass --no-seed to start without demo data (the node then keeps reconnecting and answers UNAVAILABLE until the store is up).");
        }

        return await new SeedMarker(redis, options.Redis, TimeProvider.System).ClaimAsync($"demo data for {options.Admdvs} by 'adjudication node'").ConfigureAwait(false);
    }

    // Through the node's API, as the city's agency (DESIGN.md §12). A stand-alone city stands in for its province and
    // takes the catalog through its CatalogService; a city in a network takes catalogs only from its province, which may
    // not be up yet, so its catalog is written to its store, the one part of the demo data that is.
    private static async Task LoadDemoDataAsync(WebApplication app, NodeOptions options)
    {
        try
        {
            await DemoSeeder.RetryWhileUnavailableAsync(() => SendDemoDataAsync(app, options)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            throw new DemoDataException(
                $"The node did not take the demo data ({(ex is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : ex.Message)}). " +
                "Start again to load it again (what got in is answered as before, nothing twice), or pass --no-seed.", ex);
        }
    }

    private static async Task SendDemoDataAsync(WebApplication app, NodeOptions options)
    {
        var address = app.Urls.First();
        using (var agency = AgencyChannel.Open(options, address, CallerIdentity.Agency(DemoSeeder.AgencyCode(options.Admdvs), options.Admdvs)))
        {
            await DemoSeeder.SeedCityAsync(agency.Channel, options.Admdvs).ConfigureAwait(false);
        }

        if (options.Topology.Length == 0)
        {
            var province = Admdvs.ProvinceOf(options.Admdvs);
            using var agency = AgencyChannel.Open(options, address, CallerIdentity.Agency(DemoSeeder.AgencyCode(province), province));
            await DemoSeeder.PublishCatalogAsync(new CatalogService.CatalogServiceClient(agency.Channel), province).ConfigureAwait(false);
        }
        else
        {
            await app.Services.GetRequiredService<CatalogStore>().PublishAsync(DemoSeeder.Catalog()).ConfigureAwait(false);
        }
    }

    private static void ConsoleLog(ILoggingBuilder logging, LogLevel level, bool json)
    {
        logging.SetMinimumLevel(level);
        if (json)
        {
            logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
    }
}
