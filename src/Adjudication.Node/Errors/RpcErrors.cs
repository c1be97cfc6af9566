using Adjudication.Domain.Errors;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Adjudication.Node.Errors;

/// <summary>
/// Turns <see cref="AdjudicationException"/> into a rich gRPC status: code, ErrorInfo and BadRequest (DESIGN.md §7).
/// Every status is bounded here, whatever built it: the message, the number of field violations and each violation's
/// text are cut, so a refusal always fits a client's header limit (gRPC Java reads 8 KB of trailers by default).
/// </summary>
internal static class RpcErrors
{
    /// <summary>Most characters of a status message.</summary>
    public const int MaxMessageLength = 512;

    /// <summary>Most field violations one BadRequest lists; the message says how many there were.</summary>
    public const int MaxViolations = 16;

    private const int MaxFieldLength = 64;
    private const int MaxDescriptionLength = 160;

    public static RpcException ToRpcException(AdjudicationException error) => ToStatus(error).ToRpcException();

    /// <summary>The google.rpc.Status of <paramref name="error"/>, bounded as described on the class.</summary>
    public static Google.Rpc.Status ToStatus(AdjudicationException error)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)CodeOf(error.Kind),
            Message = Echo.Cut(error.Message, MaxMessageLength),
            Details = { Any.Pack(new ErrorInfo { Domain = Reasons.Domain, Reason = error.Reason }) },
        };
        if (error.Violations.Count > 0)
        {
            var badRequest = new BadRequest();
            for (var i = 0; i < error.Violations.Count && i < MaxViolations; i++)
            {
                var v = error.Violations[i];
                badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
                {
                    Field = Echo.Cut(v.Field, MaxFieldLength),
                    Description = Echo.Cut(v.Description, MaxDescriptionLength),
                });
            }

            status.Details.Add(Any.Pack(badRequest));
        }

        return status;
    }

    public static RpcException Unavailable(string reason, string message) => ToRpcException(new AdjudicationException(ErrorKind.Unavailable, reason, message));

    /// <summary>A defect of the node (an exception no rule anticipated): INTERNAL, still with a reason and what to do.</summary>
    public static RpcException Internal(string method) => new Google.Rpc.Status
    {
        Code = (int)StatusCode.Internal,
        Message = $"The node failed on {Echo.Cut(method, 96)} through a defect of its own (logged on the node). Retry with the same msgid: " +
            "a call that was applied returns its stored result; if it keeps failing, report it to the network's operators.",
        Details = { Any.Pack(new ErrorInfo { Domain = Reasons.Domain, Reason = Reasons.InternalError }) },
    }.ToRpcException();

    private static StatusCode CodeOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => StatusCode.InvalidArgument,
        ErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
        ErrorKind.NotFound => StatusCode.NotFound,
        ErrorKind.AlreadyExists => StatusCode.AlreadyExists,
        ErrorKind.PermissionDenied => StatusCode.PermissionDenied,
        ErrorKind.Unauthenticated => StatusCode.Unauthenticated,
        ErrorKind.Aborted => StatusCode.Aborted,
        ErrorKind.Unavailable => StatusCode.Unavailable,
        ErrorKind.ResourceExhausted => StatusCode.ResourceExhausted,
        _ => StatusCode.Internal,
    };
}
