using StackExchange.Redis;

namespace Adjudication.Storage.Internal;

/// <summary>
/// The connections a bulk step spreads its pipelined batches over: the store's own and <see cref="Count"/> - 1 more,
/// opened on first use with the same configuration. Redis reads at most 16 KB from a connection per turn of its event
/// loop and, with <c>appendfsync always</c>, fsyncs the AOF once per turn: over one connection a bulk enrolment got
/// about 20 persons per fsync, over four about 48 (200,000 persons: 4,161 fsyncs instead of 9,996; eight connections
/// measured no better; perf/README "Reference data import").
/// </summary>
internal sealed class BulkLanes(IConnectionMultiplexer redis, IDatabase main) : IDisposable
{
    /// <summary>Connections a bulk step uses, the store's own included.</summary>
    public const int Count = 4;

    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly List<IConnectionMultiplexer> _opened = new(Count - 1);
    private IDatabase[]? _lanes;

    /// <summary>The lanes, opening the extra connections the first time.</summary>
    public async ValueTask<IDatabase[]> GetAsync()
    {
        if (Volatile.Read(ref _lanes) is { } lanes)
        {
            return lanes;
        }

        await _opening.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_lanes is null)
            {
                var opened = new IDatabase[Count];
                opened[0] = main;
                for (var i = 1; i < Count; i++)
                {
                    // The same endpoints, password and database as the store's connection, and its fail-fast settings:
                    // a lane that cannot reach Redis fails its commands at once, which fails the call (never a hang).
                    var connection = await StoreConnection.ConnectLikeAsync(redis).ConfigureAwait(false);
                    _opened.Add(connection);
                    opened[i] = connection.GetDatabase(main.Database);
                }

                Volatile.Write(ref _lanes, opened);
            }

            return _lanes;
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var connection in _opened)
        {
            connection.Dispose();
        }

        _opening.Dispose();
    }
}
