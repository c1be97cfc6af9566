namespace Adjudication.Storage;

/// <summary>
/// The answers a profile write keeps with its msgid, one per outcome, so a retry with the same msgid gets the first
/// answer back (DESIGN.md §7). Opaque to the store: the node keeps its encoded response.
/// </summary>
/// <param name="IfWritten">The answer when the profile is written.</param>
/// <param name="IfUnchanged">The answer when the same profile is held already.</param>
public sealed record PersonWriteAnswers(byte[] IfWritten, byte[] IfUnchanged);
