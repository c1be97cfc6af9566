using Adjudication.Cli.Demo;
using Adjudication.Node.Hosting;
using Adjudication.Node.Network;
using Adjudication.Node.Security;
using Adjudication.Storage;
using Adjudication.Storage.Embedded;
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
    /// Builds the node (every configuration problem refused at once), loads the demo data when asked and the store is
    /// empty (<see cref="SeedMarker"/>), and only then starts listening, so no call sees half-loaded data.
    /// <paramref name="overrides"/> are <c>--Node:KEY=VALUE</c> settings laid over the options. With
    /// <paramref name="jsonLogs"/> the console log is one JSON object per line (for a log collector) instead of text.
    /// </summary>
    /// <exception cref="NodeConfigurationException">A configuration problem, a port that cannot be bound, or a store that does not answer when demo data is to be loaded.</exception>
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
            var claim = seed && options.Role == NodeRole.Municipal ? await SeedAsync(app, options).ConfigureAwait(false) : (SeedClaim?)null;
            await app.StartNodeAsync().ConfigureAwait(false);
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

    // Through the node's own stores, so its near caches and in-memory catalog see what was written.
    private static async Task<SeedClaim> SeedAsync(WebApplication app, NodeOptions options)
    {
        var redis = app.Services.GetRequiredService<IConnectionMultiplexer>();
        if (!redis.IsConnected)
        {
            throw new NodeConfigurationException(
                $"Redis at {options.Redis.Configuration} does not answer, so the demo data can be neither checked nor loaded. Start Redis or correct --redis; " +
                "or pass --no-seed to start without demo data (the node then keeps reconnecting and answers UNAVAILABLE until the store is up).");
        }

        var claim = await new SeedMarker(redis, options.Redis, TimeProvider.System).ClaimAsync($"demo data for {options.Admdvs} by 'adjudication node'").ConfigureAwait(false);
        if (claim.Outcome == SeedClaimOutcome.Claimed)
        {
            await DemoSeeder.SeedAsync(
                options.Admdvs,
                app.Services.GetRequiredService<PersonStore>(),
                app.Services.GetRequiredService<ReferenceDataStore>(),
                app.Services.GetRequiredService<PolicyStore>(),
                app.Services.GetRequiredService<CatalogStore>()).ConfigureAwait(false);
        }

        return claim;
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
