namespace Adjudication.Domain.Errors;

/// <summary>The kind of failure, mapped one-to-one to a gRPC status code at the edge (DESIGN.md §7).</summary>
public enum ErrorKind
{
    /// <summary>Malformed input: INVALID_ARGUMENT.</summary>
    InvalidArgument,

    /// <summary>A business refusal: FAILED_PRECONDITION.</summary>
    FailedPrecondition,

    /// <summary>NOT_FOUND.</summary>
    NotFound,

    /// <summary>A reused msgid with a different payload: ALREADY_EXISTS.</summary>
    AlreadyExists,

    /// <summary>A caller acting outside its identity: PERMISSION_DENIED.</summary>
    PermissionDenied,

    /// <summary>A caller without an identity (no client certificate): UNAUTHENTICATED.</summary>
    Unauthenticated,

    /// <summary>Too much contention on one record; safe to retry: ABORTED.</summary>
    Aborted,

    /// <summary>A hop or the store is down: UNAVAILABLE.</summary>
    Unavailable,

    /// <summary>A request larger than the node accepts: RESOURCE_EXHAUSTED.</summary>
    ResourceExhausted,
}
