using Grpc.Core;

namespace Adjudication.Node.Gateway;

/// <summary>A response stream kept in memory, so a desk that streams its answer (3202) can be answered in one envelope.</summary>
/// <typeparam name="T">The message type.</typeparam>
internal sealed class MessageCollector<T> : IServerStreamWriter<T>
{
    /// <summary>The messages written, in order.</summary>
    public List<T> Messages { get; } = [];

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message)
    {
        Messages.Add(message);
        return Task.CompletedTask;
    }

    // The interface's default for this overload refuses a cancellable token; the desk passes the call's.
    public Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return WriteAsync(message);
    }
}
