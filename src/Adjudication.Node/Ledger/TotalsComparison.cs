using System.Globalization;
using Adjudication.Contracts.V1;
using Adjudication.Storage.Ledger;

namespace Adjudication.Node.Ledger;

/// <summary>
/// 3201 对总账 (DESIGN.md §11): the institution's figures against the node's for the same selection. Counts and signed
/// sums as the reconciliation.proto count rule says: every row counts 1, a reversed row adds its negated amounts.
/// </summary>
internal static class TotalsComparison
{
    /// <summary>"0" 平 (national table 384).</summary>
    public const string Balanced = "0";

    /// <summary>"1" 不平.</summary>
    public const string NotBalanced = "1";

    /// <summary>The node's sums of the days in <paramref name="totals"/> that <paramref name="selection"/> covers.</summary>
    public static LedgerSums Sum(IEnumerable<LedgerTotal> totals, ReconcileSelection selection)
    {
        var sums = LedgerSums.Zero;
        foreach (var total in totals)
        {
            if (selection.Covers(total.Insutype, total.ClrType, total.Refunded))
            {
                sums = sums.Plus(total.Sums);
            }
        }

        return sums;
    }

    /// <summary>The answer to <paramref name="request"/> given the node's <paramref name="node"/> sums.</summary>
    public static ReconcileTotalsResponse Compare(ReconcileTotalsRequest request, LedgerSums node)
    {
        var differences = new List<string>(4);
        Money(differences, "medfee_sumamt", request.MedfeeSumamt, node.MedfeeSumamt);
        Money(differences, "fund_pay_sumamt", request.FundPaySumamt, node.FundPaySumamt);
        Money(differences, "acct_pay", request.AcctPay, node.AcctPay);
        if (request.FixmedinsSetlCnt != node.Count)
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture,
                $"fixmedins_setl_cnt: hospital {request.FixmedinsSetlCnt}, node {node.Count}, difference {request.FixmedinsSetlCnt - node.Count}"));
        }

        return new ReconcileTotalsResponse
        {
            SetlOptins = request.SetlOptins,
            StmtRslt = differences.Count == 0 ? Balanced : NotBalanced,
            StmtRsltDscr = differences.Count == 0 ? "balanced" : string.Join("; ", differences),
            NodeMedfeeSumamt = node.MedfeeSumamt,
            NodeFundPaySumamt = node.FundPaySumamt,
            NodeAcctPay = node.AcctPay,
            NodeSetlCnt = node.Count,
        };
    }

    private static void Money(List<string> differences, string field, long hospital, long node)
    {
        if (hospital != node)
        {
            differences.Add($"{field}: hospital {Yuan.Format(hospital)}, node {Yuan.Format(node)}, difference {Yuan.Format(checked(hospital - node))}");
        }
    }
}
