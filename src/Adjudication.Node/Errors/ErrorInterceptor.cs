using Adjudication.Domain.Errors;
using Adjudication.Node.Hosting;
using Adjudication.Node.Validation;
using Grpc.Core;
using Grpc.Core.Interceptors;
using StackExchange.Redis;

namespace Adjudication.Node.Errors;

/// <summary>
/// The one place failures become statuses: business and input errors keep their reason; a store that is down or
/// slow becomes UNAVAILABLE, never INTERNAL or a hang (DESIGN.md §7). No exception leaves a handler as UNKNOWN:
/// input the checks let through (a parser's, an argument's or an arithmetic failure) is INVALID_ARGUMENT, and
/// anything else is a defect of the node, INTERNAL with reason INTERNAL_ERROR. A body that cannot be parsed at all
/// fails before any interceptor; <see cref="UnreadableRequests"/> refuses it.
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

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
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
                NodeLog.StoreUnavailable(logger, context.Method, ex);
                return RpcErrors.Unavailable(Reasons.StoreUnavailable, "The node's store is unreachable; nothing was committed by this call. Retry with the same msgid shortly.");
            case Google.Protobuf.InvalidProtocolBufferException:
                return RpcErrors.ToRpcException(Refusals.Unreadable("message of this method", Echo.Cut(ex.Message, 120)));
            case OverflowException:
                return RpcErrors.ToRpcException(new AdjudicationException(ErrorKind.InvalidArgument, Reasons.InvalidRequest,
                    "An amount in the request is too large to settle; check prices and quantities (micros) and amounts (fen).",
                    [new FieldViolation(string.Empty, "an amount, price or quantity is too large")]));
            case IOException tooLarge when tooLarge.Message.StartsWith("Message too large", StringComparison.Ordinal):
                // A client stream's later frame announces more than the limit (or 2 GiB and more): read in the handler.
                return RpcErrors.ToRpcException(UnreadableFrames.TooLarge());
            case InvalidDataException framing:
                // A client stream's later frame is not one (a flag gRPC does not define, a length above 2 GiB): the
                // framework throws it from the reader inside the handler, not before it as for a unary call.
                return RpcErrors.ToRpcException(UnreadableFrames.NotAFrame(framing.Message));
            case RpcException:
                // Already a status: a hop's answer, a limit of the framework.
                return null;
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                // The caller left or its deadline passed: the framework answers CANCELLED or DEADLINE_EXCEEDED itself.
                return null;
            case ArgumentException and not ArgumentNullException or FormatException:
                // Last resort for input a check let through (a date, a code, a length): still the caller's to correct.
                // The field is not known here, so the violation names none; the warning says to check it at its source.
                ErrorLog.UncheckedInput(logger, context.Method, ex);
                return RpcErrors.ToRpcException(new AdjudicationException(ErrorKind.InvalidArgument, Reasons.InvalidRequest,
                    "A value in the request is outside what this node handles (a date, a code or a length); correct it and send again.",
                    [new FieldViolation(string.Empty, "a value is out of range")]));
            default:
                ErrorLog.HandlerFailed(logger, context.Method, ex);
                return RpcErrors.Internal(context.Method);
        }
    }
}
