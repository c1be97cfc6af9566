using Grpc.Core;

namespace Adjudication.Contracts.V1;

/// <summary>Sending a client-streaming call whole: every part, then the server's one answer.</summary>
public static class ClientStreams
{
    /// <summary>
    /// Writes every part of <paramref name="parts"/> on <paramref name="call"/>, completes the stream and returns the
    /// answer; disposes the call. A server may answer before it has read every part (a refusal of an early part, or of
    /// a frame announcing more than its message limit). That answer is returned, or thrown as the
    /// <see cref="RpcException"/> it is, as soon as it arrives: the unfinished write is abandoned, not awaited, since
    /// a write waiting for flow-control credit of a stream the server has ended may never finish. The parts are
    /// written on a task of their own, so an enumerable that makes its parts as it goes cannot hold the answer back.
    /// </summary>
    public static async Task<TResponse> SendAllAsync<TRequest, TResponse>(this AsyncClientStreamingCall<TRequest, TResponse> call, IEnumerable<TRequest> parts)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(parts);
        using (call)
        {
            var writing = Task.Run(() => WriteAllAsync(call.RequestStream, parts));
            if (await Task.WhenAny(writing, call.ResponseAsync).ConfigureAwait(false) == writing && writing.IsFaulted)
            {
                // Making a part failed (the enumerable threw): the stream was never completed, so no answer would come.
                await writing.ConfigureAwait(false);
            }

            return await call.ResponseAsync.ConfigureAwait(false);
        }
    }

    private static async Task WriteAllAsync<TRequest>(IClientStreamWriter<TRequest> stream, IEnumerable<TRequest> parts)
    {
        // Only the writes' failures are swallowed (the server answered and ended the stream before every part was
        // written, or the call was disposed or broke: the answer says which); the enumerable's own reach the caller.
        foreach (var part in parts)
        {
            if (!await SucceedsAsync(() => stream.WriteAsync(part)).ConfigureAwait(false))
            {
                return;
            }
        }

        await SucceedsAsync(stream.CompleteAsync).ConfigureAwait(false);
    }

    private static async Task<bool> SucceedsAsync(Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
