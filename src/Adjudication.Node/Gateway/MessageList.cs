using Grpc.Core;

namespace Adjudication.Node.Gateway;

/// <summary>A request stream whose messages are all known already: 3202's rows arrive inline in one envelope.</summary>
/// <typeparam name="T">The message type.</typeparam>
internal sealed class MessageList<T>(IReadOnlyList<T> messages) : IAsyncStreamReader<T>
    where T : class
{
    private int _next;

    public T Current { get; private set; } = null!;

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_next == messages.Count)
        {
            return Task.FromResult(false);
        }

        Current = messages[_next++];
        return Task.FromResult(true);
    }
}
