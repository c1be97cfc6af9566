using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>Remembers, per method, the trace context header and the deadline of the last call a node received.</summary>
public sealed class CallRecorder : Interceptor
{
    private readonly ConcurrentDictionary<string, (string? TraceParent, DateTime Deadline)> _last = new();

    /// <summary>The last call of <paramref name="method"/> (e.g. "/adjudication.v1.NetworkService/Adjudicate"), if any.</summary>
    public (string? TraceParent, DateTime Deadline)? Last(string method) => _last.TryGetValue(method, out var call) ? call : null;

    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        _last[context.Method] = (context.RequestHeaders.GetValue("traceparent"), context.Deadline);
        return continuation(request, context);
    }
}
