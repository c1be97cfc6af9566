namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>A class fixture: one seeded <see cref="TestNetwork"/> per test class; tests keep apart by using their own persons.</summary>
public sealed class NetworkFixture : IAsyncLifetime
{
    private TestNetwork? _network;

    /// <summary>The running, seeded network.</summary>
    public TestNetwork Network => _network ?? throw new InvalidOperationException("the network is not started");

    /// <inheritdoc />
    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }
    }
}
