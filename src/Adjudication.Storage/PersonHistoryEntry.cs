namespace Adjudication.Storage;

/// <summary>One change of a person's profile, as kept in their history (DESIGN.md §12: a person is never deleted).</summary>
/// <param name="Msgid">The msgid of the agency's call that made the change.</param>
/// <param name="Operation">"enrol" or "update".</param>
/// <param name="ChangedAt">"yyyy-MM-dd HH:mm:ss" China time, from the node's clock.</param>
/// <param name="Changes">The fields set or changed.</param>
public sealed record PersonHistoryEntry(string Msgid, string Operation, string ChangedAt, IReadOnlyList<ProfileChange> Changes);
