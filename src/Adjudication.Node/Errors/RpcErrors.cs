using Adjudication.Domain.Errors;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Adjudication.Node.Errors;

/// <summary>Turns <see cref="AdjudicationException"/> into a rich gRPC status: code, ErrorInfo and BadRequest (DESIGN.md §7).</summary>
internal static class RpcErrors
{
    public static RpcException ToRpcException(AdjudicationException error)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)CodeOf(error.Kind),
            Message = error.Message,
            Details = { Any.Pack(new ErrorInfo { Domain = Reasons.Domain, Reason = error.Reason }) },
        };
        if (error.Violations.Count > 0)
        {
            var badRequest = new BadRequest();
            foreach (var v in error.Violations)
            {
                badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description });
            }

            status.Details.Add(Any.Pack(badRequest));
        }

        return status.ToRpcException();
    }

    public static RpcException Unavailable(string reason, string message) => ToRpcException(new AdjudicationException(ErrorKind.Unavailable, reason, message));

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
        _ => StatusCode.Unknown,
    };
}
