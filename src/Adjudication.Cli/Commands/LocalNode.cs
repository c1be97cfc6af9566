using Adjudication.Cli.Demo;
using Adjudication.Node.Hosting;
using Adjudication.Node.Security;
using Adjudication.Storage;
using Adjudication.Storage.Embedded;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Adjudication.Cli.Commands;

/// <summary>A node started in this process, over a given Redis or an embedded one, optionally seeded with demo data.</summary>
internal sealed class LocalNode : IAsyncDisposable
{
    private readonly EmbeddedRedisServer? _embedded;
    private readonly WebApplication _app;
    private readonly IDisposable[] _stores;

    private LocalNode(EmbeddedRedisServer? embedded, WebApplication app, NodeOptions options, IDisposable[] stores)
    {
        _embedded = embedded;
        _app = app;
        Options = options;
        _stores = stores;
    }

    public NodeOptions Options { get; }

    public string Address => _app.Urls.First();

    /// <exception cref="NodeConfigurationException">The listener is not allowed or the TLS files cannot be used.</exception>
    public static async Task<LocalNode> StartAsync(string? redis, string admdvs, Listener listener, string keyPrefix, bool seed, LogLevel logLevel, string? topology = null, string? id = null)
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
        WebApplication app;
        try
        {
            app = await NodeHost.BuildAsync(options, logging: l => l.SetMinimumLevel(logLevel)).ConfigureAwait(false);
        }
        catch
        {
            embedded?.Dispose();
            throw;
        }

        await app.StartAsync().ConfigureAwait(false);
        var connection = await StoreConnection.ConnectAsync(options.Redis).ConfigureAwait(false);
        var persons = new PersonStore(connection, options.Redis, TimeProvider.System);
        // A city holds persons, policies and institutions; in a network its province may also publish the catalog later.
        if (seed && options.Role == "municipal")
        {
            var catalogs = new CatalogStore(connection, options.Redis, Domain.Divisions.Admdvs.ProvinceOf(options.Admdvs));
            await DemoSeeder.SeedAsync(options.Admdvs, persons, new ReferenceDataStore(connection, options.Redis), catalogs).ConfigureAwait(false);
        }

        return new LocalNode(embedded, app, options, [persons, connection]);
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _embedded?.Dispose();
    }
}
