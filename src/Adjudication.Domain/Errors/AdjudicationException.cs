namespace Adjudication.Domain.Errors;

/// <summary>
/// A failure the caller can act on: a kind (status code), a machine-readable reason
/// (<c>google.rpc.ErrorInfo.reason</c>, domain "adjudication") and a message that says what to do next.
/// </summary>
public sealed class AdjudicationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AdjudicationException(ErrorKind kind, string reason, string message, IReadOnlyList<FieldViolation>? violations = null)
        : base(message)
    {
        Kind = kind;
        Reason = reason;
        Violations = violations ?? [];
    }

    /// <summary>Creates the exception for a failure caused by <paramref name="innerException"/> (kept for logs, never sent).</summary>
    public AdjudicationException(ErrorKind kind, string reason, string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = kind;
        Reason = reason;
        Violations = [];
    }

    /// <summary>The status the edge answers with.</summary>
    public ErrorKind Kind { get; }

    /// <summary>The machine-readable reason, one of <see cref="Reasons"/>.</summary>
    public string Reason { get; }

    /// <summary>For INVALID_ARGUMENT: every offending field.</summary>
    public IReadOnlyList<FieldViolation> Violations { get; }
}
