namespace Adjudication.Storage;

/// <summary>One movement of a personal account made by its agency, as kept in the account's journal (DESIGN.md §12).</summary>
/// <param name="Msgid">The msgid of the call that moved it.</param>
/// <param name="Kind">Credit or adjustment.</param>
/// <param name="AmountFen">The movement in fen, signed.</param>
/// <param name="Reason">Why, as the agency gave it.</param>
/// <param name="MovedAt">"yyyy-MM-dd HH:mm:ss" China time, from the node's clock.</param>
/// <param name="BalcFen">The balance after the movement, in fen; the store fills it in as it commits.</param>
public sealed record AccountJournalRow(string Msgid, JournalKind Kind, long AmountFen, string Reason, string MovedAt, long BalcFen);
