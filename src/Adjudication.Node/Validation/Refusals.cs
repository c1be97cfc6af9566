using Adjudication.Domain.Errors;

namespace Adjudication.Node.Validation;

/// <summary>Short constructors for the refusals the services throw.</summary>
internal static class Refusals
{
    public static AdjudicationException NotFound(string reason, string message) => new(ErrorKind.NotFound, reason, message);

    public static AdjudicationException Precondition(string reason, string message) => new(ErrorKind.FailedPrecondition, reason, message);

    public static AdjudicationException MsgidReused(string msgid) => new(
        ErrorKind.AlreadyExists,
        Reasons.MsgidReused,
        $"msgid {msgid} was already used for a different request; a retry must resend the identical request, a new request needs a new msgid.");

    public static AdjudicationException MsgidReversed(string msgid) => new(
        ErrorKind.FailedPrecondition,
        Reasons.MsgidReversed,
        $"msgid {msgid} was reversed (冲正) and will never take effect; send the request again with a new msgid.");

    public static AdjudicationException PermissionDenied(string reason, string message) => new(ErrorKind.PermissionDenied, reason, message);

    /// <summary>
    /// A request body that is not a message of its method (DESIGN.md §7: unparsable bytes are INVALID_ARGUMENT):
    /// <paramref name="messageType"/> names the message the method takes, <paramref name="problem"/> what the parser found.
    /// </summary>
    public static AdjudicationException Unreadable(string messageType, string problem) => new(
        ErrorKind.InvalidArgument,
        Reasons.InvalidRequest,
        $"The request body is not a valid {messageType}: {problem} Check that the client uses this node's contract (protos/adjudication/v1).",
        [new FieldViolation(string.Empty, $"the body must be a protobuf-encoded {messageType}")]);
}
