using System.Diagnostics;
using Adjudication.Node.Dashboard;
using Adjudication.Node.Hosting;
using Adjudication.Node.Network;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace Adjudication.Node.Telemetry;

/// <summary>
/// The outermost interceptor: one span per call at every node (a relayed settle leaves one span at each node of its
/// route, each the child of the hop before it, so one trace id follows it from the terminal to the insured city and
/// back) and one latency measurement per call by method, status and reason (DESIGN.md §9). It sees the status the
/// caller gets: refusals are already statuses when they pass here.
/// </summary>
internal sealed class TelemetryInterceptor(NodeMetrics metrics, SettlementPulse pulse, IOptions<NodeOptions> options) : Interceptor
{
    private readonly string _node = options.Value.Id.Length > 0 ? options.Value.Id : options.Value.Admdvs;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = Start(context);
        try
        {
            var response = await continuation(request, context).ConfigureAwait(false);
            Answered(context, span, StatusCode.OK, string.Empty, started);
            return response;
        }
        catch (Exception ex)
        {
            Failed(context, span, ex, started);
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = Start(context);
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
            Answered(context, span, StatusCode.OK, string.Empty, started);
        }
        catch (Exception ex)
        {
            Failed(context, span, ex, started);
            throw;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = Start(context);
        try
        {
            var response = await continuation(requestStream, context).ConfigureAwait(false);
            Answered(context, span, StatusCode.OK, string.Empty, started);
            return response;
        }
        catch (Exception ex)
        {
            Failed(context, span, ex, started);
            throw;
        }
    }

    // Parented by the caller's trace context: ASP.NET Core's request activity when it is recorded (an exporter listens
    // to Microsoft.AspNetCore), else the traceparent header the previous hop (or the terminal) sent, else a new trace.
    // ASP.NET Core also makes a request activity nobody records (for its log scopes); as a parent it would make the
    // sampler drop this span, and point at a span no exporter ever sees, so it is set aside for this call.
    private Activity? Start(ServerCallContext context)
    {
        if (!NodeTelemetry.Source.HasListeners())
        {
            return null;
        }

        ActivityContext parent = default;
        if (Activity.Current is not { Recorded: true })
        {
            Activity.Current = null;
            if (context.RequestHeaders.GetValue("traceparent") is { } traceparent)
            {
                ActivityContext.TryParse(traceparent, context.RequestHeaders.GetValue("tracestate"), isRemote: true, out parent);
            }
        }

        var span = NodeTelemetry.Source.StartActivity(context.Method.TrimStart('/'), ActivityKind.Server, parent);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("rpc.system", "grpc");
            span.SetTag("rpc.method", context.Method);
            span.SetTag(NodeTelemetry.NodeAttribute, _node);
            span.SetTag("adjudication.admdvs", options.Value.Admdvs);
            if (NodeTelemetry.Infno.TryGetValue(context.Method, out var infno))
            {
                span.SetTag("adjudication.infno", infno);
            }

            if (context.RequestHeaders.GetValue(NetworkHeaders.Target) is { } target)
            {
                span.SetTag("adjudication.target", target);
                span.SetTag("adjudication.origin", context.RequestHeaders.GetValue(NetworkHeaders.Origin));
            }
        }

        return span;
    }

    private void Failed(ServerCallContext context, Activity? span, Exception ex, long started)
    {
        // Every refusal is an RpcException by now (ErrorInterceptor sits inside); anything else reaches the caller as UNKNOWN.
        var (status, reason) = ex is RpcException rpc ? (rpc.StatusCode, ReasonOf(rpc)) : (StatusCode.Unknown, string.Empty);
        Answered(context, span, status, reason, started);
    }

    private void Answered(ServerCallContext context, Activity? span, StatusCode status, string reason, long started)
    {
        metrics.CallAnswered(context.Method, status, reason, started);
        if (status == StatusCode.OK)
        {
            pulse.Answered(context.Method);
        }

        if (span is null)
        {
            return;
        }

        var outcome = status == StatusCode.OK ? "OK" : reason.Length > 0 ? reason : status.ToString();
        span.SetTag(NodeTelemetry.OutcomeAttribute, outcome);
        span.SetTag("rpc.grpc.status_code", (int)status);
        span.SetStatus(status == StatusCode.OK ? ActivityStatusCode.Ok : ActivityStatusCode.Error, status == StatusCode.OK ? null : outcome);
    }

    private static string ReasonOf(RpcException ex)
    {
        try
        {
            return ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? string.Empty;
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return string.Empty;
        }
    }
}
