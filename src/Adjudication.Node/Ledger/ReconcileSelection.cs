using Adjudication.Storage.Ledger;

namespace Adjudication.Node.Ledger;

/// <summary>
/// Which ledger rows a reconciliation covers besides its institution and period: an insutype (0 for all), a clearing
/// type (empty for all) and the refund flag (null for both).
/// </summary>
internal sealed record ReconcileSelection(int Insutype, string ClrType, bool? Refunded)
{
    /// <summary>Every row of the period.</summary>
    public static ReconcileSelection All { get; } = new(0, string.Empty, null);

    /// <summary>Whether the selection covers a row of this insutype, clearing type and refund flag.</summary>
    public bool Covers(int insutype, string clrType, bool refunded) =>
        (Insutype == 0 || Insutype == insutype)
        && (ClrType.Length == 0 || string.Equals(ClrType, clrType, StringComparison.Ordinal))
        && (Refunded is null || Refunded == refunded);

    /// <summary>Whether the selection covers <paramref name="row"/>.</summary>
    public bool Covers(LedgerRow row) => Covers(row.Insutype, row.ClrType, row.Refunded);
}
