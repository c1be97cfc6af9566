using System.Globalization;
using Adjudication.Contracts.V1;
using Adjudication.Storage.Ledger;

namespace Adjudication.Node.Ledger;

/// <summary>
/// 3202 对明细账 (DESIGN.md §11): the institution's rows against the node's ledger rows of the period, matched by
/// (setl_id, refd_setl_flag), since a refunded settlement is two rows, the forward and the reversed one (national 3202
/// key points). The answer lists the hospital's rows in the order sent, each matched, differing, only at the hospital
/// or a repeat of an earlier row, then the node's rows the hospital did not send (within the selection) in ledger order.
/// </summary>
internal static class DetailComparison
{
    /// <summary>Compares <paramref name="hospital"/> with <paramref name="node"/>, the node's rows from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static DetailReport Compare(IReadOnlyList<LedgerRow> node, IReadOnlyList<ReconcileRow> hospital, ReconcileSelection selection, DateOnly from, DateOnly to)
    {
        var held = new Dictionary<(string SetlId, bool Refunded), LedgerRow>();
        foreach (var row in node)
        {
            held.TryAdd((row.SetlId, row.Refunded), row);
        }

        var summary = new ReconcileSummary { HospitalRows = hospital.Count, NodeRows = node.Count(selection.Covers) };
        var results = new List<ReconcileResult>(hospital.Count);
        var sent = new Dictionary<(string SetlId, bool Refunded), int>();
        for (var i = 0; i < hospital.Count; i++)
        {
            var row = hospital[i];
            var key = (row.SetlId, row.RefdSetlFlag == "1");
            held.TryGetValue(key, out var mine);
            if (sent.TryGetValue(key, out var first))
            {
                results.Add(Duplicate(row, mine, i, first));
                continue;
            }

            sent[key] = i;
            results.Add(mine is null ? OnlyAtHospital(row, from, to) : Matched(row, mine));
        }

        foreach (var row in node)
        {
            if (selection.Covers(row) && !sent.ContainsKey((row.SetlId, row.Refunded)))
            {
                results.Add(OnlyAtNode(row));
            }
        }

        foreach (var result in results)
        {
            Count(summary, result.Outcome);
        }

        summary.StmtRslt = summary.Matched == results.Count ? TotalsComparison.Balanced : TotalsComparison.NotBalanced;
        return new DetailReport(results, summary);
    }

    private static ReconcileResult Matched(ReconcileRow hospital, LedgerRow node)
    {
        var differences = new List<string>();
        Money(differences, "medfee_sumamt", hospital.MedfeeSumamt, node.MedfeeSumamt);
        Money(differences, "fund_pay_sumamt", hospital.FundPaySumamt, node.FundPaySumamt);
        Money(differences, "acct_pay", hospital.AcctPay, node.AcctPay);
        Text(differences, "psn_no", hospital.PsnNo, node.PsnNo);
        Text(differences, "mdtrt_id", hospital.MdtrtId, node.MdtrtId);
        var result = Of(node);
        result.Outcome = differences.Count == 0 ? ReconcileOutcome.Matched : ReconcileOutcome.AmountsDiffer;
        result.StmtRslt = differences.Count == 0 ? TotalsComparison.Balanced : TotalsComparison.NotBalanced;
        result.Memo = string.Join("; ", differences);
        return result;
    }

    private static ReconcileResult OnlyAtHospital(ReconcileRow hospital, DateOnly from, DateOnly to) => new()
    {
        PsnNo = hospital.PsnNo,
        MdtrtId = hospital.MdtrtId,
        SetlId = hospital.SetlId,
        RefdSetlFlag = hospital.RefdSetlFlag,
        StmtRslt = TotalsComparison.NotBalanced,
        Outcome = ReconcileOutcome.OnlyAtHospital,
        Memo = string.Create(CultureInfo.InvariantCulture,
            $"only at the hospital: the node holds no row of setl_id {hospital.SetlId} with refd_setl_flag {hospital.RefdSetlFlag} settled from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}"),
    };

    private static ReconcileResult OnlyAtNode(LedgerRow node)
    {
        var result = Of(node);
        result.StmtRslt = TotalsComparison.NotBalanced;
        result.Outcome = ReconcileOutcome.OnlyAtNode;
        result.Memo = $"only at the node: booked at {node.SetlTime} by msgid {node.Msgid}; not in the hospital's rows (if the hospital never learnt of this call, reverse it with 2601)";
        return result;
    }

    // A repeat of a row already compared: the first occurrence stands for the settlement, the repeat is the difference.
    private static ReconcileResult Duplicate(ReconcileRow hospital, LedgerRow? node, int index, int first)
    {
        var result = node is null ? new ReconcileResult { PsnNo = hospital.PsnNo, MdtrtId = hospital.MdtrtId, SetlId = hospital.SetlId, RefdSetlFlag = hospital.RefdSetlFlag } : Of(node);
        result.StmtRslt = TotalsComparison.NotBalanced;
        result.Outcome = ReconcileOutcome.DuplicateAtHospital;
        result.Memo = string.Create(CultureInfo.InvariantCulture,
            $"duplicate at the hospital: row {index + 1} repeats row {first + 1} (setl_id {hospital.SetlId}, refd_setl_flag {hospital.RefdSetlFlag}); {(node is null ? "the node holds no such row" : "the node holds it once")}");
        return result;
    }

    private static ReconcileResult Of(LedgerRow node) => new()
    {
        PsnNo = node.PsnNo,
        MdtrtId = node.MdtrtId,
        SetlId = node.SetlId,
        Msgid = node.Msgid,
        RefdSetlFlag = node.Refunded ? "1" : "0",
        MedfeeSumamt = node.MedfeeSumamt,
        FundPaySumamt = node.FundPaySumamt,
        AcctPay = node.AcctPay,
    };

    private static void Money(List<string> differences, string field, long hospital, long node)
    {
        if (hospital != node)
        {
            differences.Add($"{field}: hospital {Yuan.Format(hospital)}, node {Yuan.Format(node)}");
        }
    }

    private static void Text(List<string> differences, string field, string hospital, string node)
    {
        if (!string.Equals(hospital, node, StringComparison.Ordinal))
        {
            differences.Add($"{field}: hospital {hospital}, node {node}");
        }
    }

    private static void Count(ReconcileSummary summary, ReconcileOutcome outcome)
    {
        switch (outcome)
        {
            case ReconcileOutcome.Matched: summary.Matched++; break;
            case ReconcileOutcome.OnlyAtHospital: summary.OnlyAtHospital++; break;
            case ReconcileOutcome.OnlyAtNode: summary.OnlyAtNode++; break;
            case ReconcileOutcome.AmountsDiffer: summary.AmountsDiffer++; break;
            case ReconcileOutcome.DuplicateAtHospital: summary.DuplicateAtHospital++; break;
            default: throw new InvalidOperationException($"no count for outcome {outcome}");
        }
    }
}
