namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// A class fixture: one seeded node on the shared Redis per test class, under the class's own key prefix. Tests of a
/// class run one after another on it and keep apart by using their own persons.
/// </summary>
public sealed class NodeFixture : IAsyncLifetime
{
    private TestNode? _node;

    /// <summary>The running, seeded node.</summary>
    public TestNode Node => _node ?? throw new InvalidOperationException("the node is not started");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(SharedRedis.Configuration);
        await World.SeedAsync(_node);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
