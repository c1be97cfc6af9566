using System.Globalization;
using System.Text;
using Adjudication.Domain.Errors;
using Adjudication.Node.Validation;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;

namespace Adjudication.Node.Errors;

/// <summary>
/// Request bodies that are not gRPC frames at all (a message cut short, bytes after the message, a compression flag
/// without an encoding, a flag gRPC does not define) are refused as INVALID_ARGUMENT with a reason (DESIGN.md §7); a
/// message over the size limit keeps RESOURCE_EXHAUSTED but gains a reason; so does an unparsable message sent to the
/// framework's own services (health, reflection). grpc-dotnet reads the frames before any interceptor and answers these
/// with INTERNAL, UNKNOWN or a bare status; this middleware, outermost, rewrites that answer while it is still unsent:
/// a call that failed reading its request has written nothing, so its status is still in the response headers (a
/// trailers-only response). Registered by <see cref="Security.NodeTransport"/> with the listener.
/// </summary>
internal sealed class UnreadableFrames : IStartupFilter
{
    // grpc-dotnet's refusal of a message above MaxReceiveMessageSize, read from the frame header.
    private const string OverLimit = "Received message exceeds the maximum configured message size.";

    // The statuses grpc-dotnet (PipeExtensions) gives to request bodies that are not frames of one message; a length
    // above 2 GiB and a flag other than 0 or 1 are exceptions there (UNKNOWN), matched by type below.
    private static readonly HashSet<string> FramingErrors = new(StringComparer.Ordinal)
    {
        "Incomplete message.",
        "Additional data after the message received.",
        "Request did not include grpc-encoding value with compressed message.",
        "Request sent 'identity' grpc-encoding value with compressed message.",
    };

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(static (context, call) =>
        {
            var handled = call(context);
            if (handled.IsCompletedSuccessfully)
            {
                Rewrite(context);
                return Task.CompletedTask;
            }

            return AwaitThenRewrite(handled, context);
        });
        next(app);
    };

    private static async Task AwaitThenRewrite(Task handled, HttpContext context)
    {
        await handled.ConfigureAwait(false);
        Rewrite(context);
    }

    private static void Rewrite(HttpContext context)
    {
        if (context.Response.HasStarted || context.Features.Get<IServerCallContextFeature>()?.ServerCallContext.Status is not { } status
            || Refusal(status) is not { } refusal)
        {
            return;
        }

        var answer = RpcErrors.ToStatus(refusal);
        var headers = context.Response.Headers;
        headers["grpc-status"] = answer.Code.ToString(CultureInfo.InvariantCulture);
        headers["grpc-message"] = PercentEncoded(answer.Message);
        headers["grpc-status-details-bin"] = Convert.ToBase64String(answer.ToByteArray());
    }

    private static AdjudicationException? Refusal(Grpc.Core.Status status) => status switch
    {
        { StatusCode: StatusCode.Internal } when FramingErrors.Contains(status.Detail) => NotAFrame(status.Detail),
        { StatusCode: StatusCode.Unknown, DebugException: InvalidDataException framing } => NotAFrame(framing.Message),
        // The node's services refuse an unparsable message themselves (UnreadableRequests); this covers the framework's
        // own services (health, reflection).
        { StatusCode: StatusCode.Unknown, DebugException: InvalidProtocolBufferException unparsable } =>
            Refusals.Unreadable("message of this method", Echo.Cut(unparsable.Message, 120)),
        { StatusCode: StatusCode.ResourceExhausted } when status.Detail == OverLimit => TooLarge(),
        { StatusCode: StatusCode.Unknown, DebugException: IOException io } when io.Message.StartsWith("Message too large", StringComparison.Ordinal) => TooLarge(),
        { StatusCode: StatusCode.Unknown, DebugException: BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } } => TooLarge(),
        _ => null,
    };

    /// <summary>The refusal of a body that is not gRPC frames; also given by <see cref="ErrorInterceptor"/> when a stream's later frame is bad.</summary>
    public static AdjudicationException NotAFrame(string problem) =>
        Refusals.Unreadable("gRPC message", $"the body is not one length-prefixed gRPC frame ({problem.TrimEnd('.')}).");

    /// <summary>The refusal of a message above the size limit; also given by <see cref="ErrorInterceptor"/> for a stream's later message.</summary>
    public static AdjudicationException TooLarge() => new(
        ErrorKind.ResourceExhausted,
        Reasons.MessageTooLarge,
        "The request message is larger than this node accepts for this method; send less per call (split the upload) and send again.");

    // grpc-message is percent-encoded: every byte outside printable ASCII, and '%' itself (gRPC over HTTP/2).
    private static string PercentEncoded(string message)
    {
        var text = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
