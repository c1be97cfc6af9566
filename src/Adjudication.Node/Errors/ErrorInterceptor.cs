using Adjudication.Domain.Errors;
using Adjudication.Node.Hosting;
using Grpc.Core;
using Grpc.Core.Interceptors;
using StackExchange.Redis;

namespace Adjudication.Node.Errors;

/// <summary>
/// The one place failures become statuses: business and input errors keep their reason; a store that is down or
/// slow becomes UNAVAILABLE, never INTERNAL or a hang (DESIGN.md §7).
/// </summary>
internal sealed class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    private RpcException? Translate(Exception ex, ServerCallContext context)
    {
        switch (ex)
        {
            case AdjudicationException known:
                NodeLog.CallRefused(logger, context.Method, known.Reason);
                return RpcErrors.ToRpcException(known);
            case RedisConnectionException or RedisTimeoutException or TimeoutException:
                NodeLog.StoreUnavailable(logger, context.Method, ex.GetType().Name);
                return RpcErrors.Unavailable(Reasons.StoreUnavailable, "The node's store is unreachable; nothing was committed by this call. Retry with the same msgid shortly.");
            case Google.Protobuf.InvalidProtocolBufferException:
                return RpcErrors.ToRpcException(new AdjudicationException(ErrorKind.InvalidArgument, Reasons.InvalidRequest, "The request body is not a valid message of this method; check the client's contract version."));
            case OverflowException:
                return RpcErrors.ToRpcException(new AdjudicationException(ErrorKind.InvalidArgument, Reasons.InvalidRequest, "An amount in the request is too large to settle; check prices and quantities (micros) and amounts (fen)."));
            default:
                return null;
        }
    }
}
