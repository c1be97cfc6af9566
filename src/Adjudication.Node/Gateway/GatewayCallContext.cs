using Grpc.Core;

namespace Adjudication.Node.Gateway;

/// <summary>
/// The call context the desks see for a transaction that arrived as a JSON envelope: the HTTP request's cancellation,
/// its W3C trace context (which a relay passes on), no deadline of its own (a relay then applies Node:RelayTimeout) and
/// the authenticated caller in <see cref="ServerCallContext.UserState"/>, where the desks and the relay read it as they
/// do for a gRPC call. Nothing is written through it: the gateway writes its own answer.
/// </summary>
internal sealed class GatewayCallContext : ServerCallContext
{
    private const string TraceParent = "traceparent";
    private const string TraceState = "tracestate";
    private readonly HttpContext _http;
    private readonly string _method;
    private readonly Metadata _headers = [];

    public GatewayCallContext(HttpContext http, string method)
    {
        _http = http;
        _method = method;
        foreach (var name in (ReadOnlySpan<string>)[TraceParent, TraceState])
        {
            if (http.Request.Headers[name].FirstOrDefault() is { Length: > 0 } value)
            {
                _headers.Add(name, value);
            }
        }
    }

    protected override string MethodCore => _method;

    protected override string HostCore => _http.Request.Host.Value ?? string.Empty;

    protected override string PeerCore => _http.Connection.RemoteIpAddress?.ToString() ?? string.Empty;

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore => _headers;

    protected override CancellationToken CancellationTokenCore => _http.RequestAborted;

    protected override Metadata ResponseTrailersCore { get; } = [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore { get; } = new(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("A JSON gateway call does not propagate a gRPC context; the node's relay carries it.");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
