namespace Adjudication.Domain.Errors;

/// <summary>One bad field of a request: its path (e.g. "fee_lines[3].pric") and what is wrong with it.</summary>
public sealed record FieldViolation(string Field, string Description);
