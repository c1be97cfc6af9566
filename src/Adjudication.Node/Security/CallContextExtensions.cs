using Grpc.Core;

namespace Adjudication.Node.Security;

/// <summary>Reads who a call acts for, as <see cref="AccessInterceptor"/> left it.</summary>
internal static class CallContextExtensions
{
    /// <summary>The authenticated call; null for an open method or a call made in process without the interceptor.</summary>
    public static AuthenticatedCall? Authenticated(this ServerCallContext? context) =>
        context is not null && context.UserState.TryGetValue(AccessInterceptor.Key, out var call) ? (AuthenticatedCall)call : null;
}
