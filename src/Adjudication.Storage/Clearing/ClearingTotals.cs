using Adjudication.Storage.Ledger;

namespace Adjudication.Storage.Clearing;

/// <summary>
/// The totals of one aggregate (DESIGN.md §11): its settlements (forward rows) and its reversed rows apart, each with
/// counts and sums per fund type in fen; a reversed row's amounts are negated, so <see cref="Net"/> is what stands.
/// </summary>
public sealed record ClearingTotals(LedgerSums Settled, LedgerSums Reversed)
{
    /// <summary>No rows.</summary>
    public static ClearingTotals Zero { get; } = new(LedgerSums.Zero, LedgerSums.Zero);

    /// <summary>Both kinds of rows together: every count once and the amounts that stand.</summary>
    public LedgerSums Net => Settled.Plus(Reversed);

    /// <summary>What the treatment region advanced, net, fen: fund_pay_sumamt + acct_pay.</summary>
    public long Advanced => checked(Net.FundPaySumamt + Net.AcctPay);

    /// <summary>Whether no row was booked.</summary>
    public bool IsEmpty => Settled.Count == 0 && Reversed.Count == 0;
}
