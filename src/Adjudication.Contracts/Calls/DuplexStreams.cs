using Grpc.Core;

namespace Adjudication.Contracts.V1;

/// <summary>Sending a two-way streaming call whose server answers after reading everything (3202 ReconcileDetails).</summary>
public static class DuplexStreams
{
    /// <summary>
    /// Writes every part of <paramref name="parts"/> on <paramref name="call"/>, completes the stream, and reads every
    /// answer until the server ends the call; disposes the call. As with <see cref="ClientStreams.SendAllAsync"/>, the
    /// parts are written on a task of their own and a write the server cut short (it refused an early part) is
    /// abandoned: the server's status, thrown as the <see cref="RpcException"/> it is, says what happened.
    /// </summary>
    public static async Task<IReadOnlyList<TResponse>> ExchangeAsync<TRequest, TResponse>(this AsyncDuplexStreamingCall<TRequest, TResponse> call, IEnumerable<TRequest> parts)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(parts);
        using (call)
        {
            var writing = Task.Run(() => WriteAllAsync(call.RequestStream, parts));
            var answers = new List<TResponse>();
            while (await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                answers.Add(call.ResponseStream.Current);
            }

            // The server ended the call well, so it read every part; a failure of making a part surfaces here.
            await writing.ConfigureAwait(false);
            return answers;
        }
    }

    private static async Task WriteAllAsync<TRequest>(IClientStreamWriter<TRequest> stream, IEnumerable<TRequest> parts)
    {
        try
        {
            foreach (var part in parts)
            {
                await stream.WriteAsync(part).ConfigureAwait(false);
            }

            await stream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException or OperationCanceledException)
        {
            // The server ended the call before every part was written; its status is what the reader reports.
        }
    }
}
