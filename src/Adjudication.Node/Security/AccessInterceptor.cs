using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Adjudication.Node.Security;

/// <summary>
/// Runs <see cref="AccessRules"/> before every handler and leaves the <see cref="AuthenticatedCall"/> in the call's
/// user state, where <see cref="CallContextExtensions.Authenticated"/> finds it. Registered after the error
/// interceptor, so a refusal becomes its status like any other.
/// </summary>
internal sealed class AccessInterceptor(AccessRules rules) : Interceptor
{
    /// <summary>Key of the <see cref="AuthenticatedCall"/> in <see cref="ServerCallContext.UserState"/>.</summary>
    public static readonly object Key = new();

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AdmitAsync(request, context).ConfigureAwait(false);
        return await continuation(request, context).ConfigureAwait(false);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AdmitAsync(request, context).ConfigureAwait(false);
        await continuation(request, responseStream, context).ConfigureAwait(false);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AdmitAsync(null, context).ConfigureAwait(false);
        return await continuation(requestStream, context).ConfigureAwait(false);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AdmitAsync(null, context).ConfigureAwait(false);
        await continuation(requestStream, responseStream, context).ConfigureAwait(false);
    }

    private async ValueTask AdmitAsync(object? request, ServerCallContext context)
    {
        if (await rules.AuthorizeAsync(request, context).ConfigureAwait(false) is { } call)
        {
            context.UserState[Key] = call;
        }
    }
}
