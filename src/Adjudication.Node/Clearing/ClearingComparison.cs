using Adjudication.Contracts.V1;
using Adjudication.Node.Ledger;
using Adjudication.Storage.Clearing;
using Adjudication.Storage.Ledger;
using StoredRow = Adjudication.Storage.Clearing.ClearingRow;

namespace Adjudication.Node.Clearing;

/// <summary>
/// A declaration's rows against the insured side's own records (DESIGN.md §11, the third party of a 3-way
/// reconciliation): every settlement row held by one side only, or by both with different amounts, is listed.
/// </summary>
internal static class ClearingComparison
{
    /// <summary>The differences, by row id.</summary>
    public static List<ClearingDifference> Differences(IReadOnlyList<StoredRow> declared, IReadOnlyList<StoredRow> insured)
    {
        var theirs = insured.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var differences = new List<ClearingDifference>();
        foreach (var row in declared)
        {
            if (!theirs.Remove(row.Id, out var other))
            {
                differences.Add(Difference(row.Row, "only_declared", row, null));
            }
            else if (!SameAmounts(row.Row, other.Row))
            {
                differences.Add(Difference(row.Row, "amounts_differ", row, other));
            }
        }

        differences.AddRange(theirs.Values.Select(r => Difference(r.Row, "only_insured", null, r)));
        differences.Sort((a, b) => string.CompareOrdinal(a.SetlId + a.RefdSetlFlag, b.SetlId + b.RefdSetlFlag));
        return differences;
    }

    /// <summary>The totals of <paramref name="rows"/> as an aggregate keeps them.</summary>
    public static ClearingTotals Totals(IEnumerable<StoredRow> rows)
    {
        var settled = LedgerSums.Zero;
        var reversed = LedgerSums.Zero;
        foreach (var row in rows)
        {
            var r = row.Row;
            var sums = new LedgerSums(1, r.MedfeeSumamt, r.FundPaySumamt, r.AcctPay, r.PsnCashPay, r.Funds.ToDictionary(f => f.FundPayType, f => f.Fen));
            (settled, reversed) = r.Refunded ? (settled, reversed.Plus(sums)) : (settled.Plus(sums), reversed);
        }

        return new ClearingTotals(settled, reversed);
    }

    private static bool SameAmounts(LedgerRow a, LedgerRow b) =>
        a.MedfeeSumamt == b.MedfeeSumamt && a.FundPaySumamt == b.FundPaySumamt && a.AcctPay == b.AcctPay && a.PsnCashPay == b.PsnCashPay
        && a.Funds.OrderBy(f => f.FundPayType).SequenceEqual(b.Funds.OrderBy(f => f.FundPayType));

    private static ClearingDifference Difference(LedgerRow row, string side, StoredRow? declared, StoredRow? insured)
    {
        var difference = new ClearingDifference { SetlId = row.SetlId, RefdSetlFlag = row.Refunded ? "1" : "0", Side = side };
        if (declared is not null)
        {
            difference.Declared = LedgerEntries.Of(declared.Row);
        }

        if (insured is not null)
        {
            difference.Insured = LedgerEntries.Of(insured.Row);
        }

        return difference;
    }
}
