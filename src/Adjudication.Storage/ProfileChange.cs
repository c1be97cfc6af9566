namespace Adjudication.Storage;

/// <summary>One field of a profile change: its contract name, the value before (empty at enrolment) and after.</summary>
public sealed record ProfileChange(string Field, string Before, string After);
