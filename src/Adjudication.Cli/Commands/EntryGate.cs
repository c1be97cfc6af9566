using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Adjudication.Cli.Commands;

/// <summary>
/// Lets a network of nodes in one process stop without cutting a call off. A settlement may cross six of its nodes
/// (DESIGN.md §3), so no node may stop while a call that entered anywhere is still on its way: closed, a node refuses
/// new calls from outside the network (UNAVAILABLE, reason NODE_STOPPING) and counts down the ones in flight, while it
/// still serves node-to-node calls, which those need. Once every gate has drained, the hosts stop.
/// </summary>
internal sealed class EntryGate : Interceptor
{
    private const string NodeToNode = "/adjudication.v1.NetworkService/";
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _closed;

    /// <summary>Refuses new calls from outside the network; completes when the ones in flight have finished.</summary>
    public Task CloseAsync()
    {
        // Interlocked on both sides: a call that counted itself in before the close is waited for, one after is refused.
        Interlocked.Exchange(ref _closed, 1);
        if (Volatile.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }

        return _drained.Task;
    }

    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var counted = Enter(context);
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        finally
        {
            Exit(counted);
        }
    }

    /// <inheritdoc />
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var counted = Enter(context);
        try
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }
        finally
        {
            Exit(counted);
        }
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var counted = Enter(context);
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        finally
        {
            Exit(counted);
        }
    }

    /// <inheritdoc />
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var counted = Enter(context);
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
        }
        finally
        {
            Exit(counted);
        }
    }

    // True when the call is counted (it came from outside the network); throws when the gate is closed to it.
    private bool Enter(ServerCallContext context)
    {
        if (context.Method.StartsWith(NodeToNode, StringComparison.Ordinal))
        {
            return false;
        }

        Interlocked.Increment(ref _inFlight);
        if (Volatile.Read(ref _closed) == 0)
        {
            return true;
        }

        Exit(counted: true);
        throw new Google.Rpc.Status
        {
            Code = (int)Code.Unavailable,
            Message = "The node is stopping and takes no new calls; nothing was done. Retry at another address of this node, or when it is back.",
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(new ErrorInfo { Domain = "adjudication", Reason = "NODE_STOPPING" }) },
        }.ToRpcException();
    }

    private void Exit(bool counted)
    {
        if (counted && Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _closed) == 1)
        {
            _drained.TrySetResult();
        }
    }
}
