using Adjudication.Storage.Outbox;

namespace Adjudication.Storage.Clearing;

/// <summary>
/// The outbox kinds of clearing (DESIGN.md §6, §11). Each entry carries one <see cref="ClearingRow"/> line under the
/// row's id, so writing it again or applying it again changes nothing.
/// </summary>
public static class ClearingFeed
{
    /// <summary>A row booked here that the parent node books next (a city's rows to its province, a province's cross-province rows to the national node).</summary>
    public const string UpKind = "clearing-up";

    /// <summary>The insured city's record of a settlement (or its reversal) of a person insured here and treated elsewhere, for its own month's records.</summary>
    public const string InsuredKind = "clearing-insured";

    /// <summary>At the national node: a cross-province row the insured province's prepayment usage books.</summary>
    public const string PrepaymentKind = "prepayment";

    /// <summary>The entry of <paramref name="kind"/> that carries <paramref name="row"/>.</summary>
    public static OutboxEntry Entry(string kind, ClearingRow row) => new(kind, row.Id, row.Line) { Source = row };

    /// <summary>The row an entry of one of these kinds carries: the one it was made from, else parsed from its payload.</summary>
    public static ClearingRow Read(OutboxEntry entry) => entry.Source as ClearingRow ?? ClearingRow.Parse(entry.Payload);
}
