using Adjudication.Contracts.V1;
using Adjudication.Node.Ledger;
using Adjudication.Node.Validation;
using Adjudication.Storage.Clearing;
using Adjudication.Storage.Ledger;
using StoredRow = Adjudication.Storage.Clearing.ClearingRow;
using WireRow = Adjudication.Contracts.V1.ClearingRow;

namespace Adjudication.Node.Clearing;

/// <summary>Clearing rows, sums and declarations between the store and the contract (clearing.proto).</summary>
internal static class ClearingMapping
{
    /// <summary>The wire form of a stored row.</summary>
    public static WireRow ToProto(StoredRow row) => new() { MdtrtareaAdmvs = row.MdtrtareaAdmvs, Row = LedgerEntries.Of(row.Row) };

    /// <summary>The stored form of a row sent by a neighbour, or null with its problems added to <paramref name="check"/> under rows[i].</summary>
    public static StoredRow? ToStore(WireRow row, int index, RequestCheck check)
    {
        var field = $"rows[{index}]";
        var e = row.Row;
        var before = check.Count;
        check.Admdvs(field + ".mdtrtarea_admvs", row.MdtrtareaAdmvs);
        if (e is null)
        {
            check.Add(field + ".row", "is required");
            return null;
        }

        check.Id(field + ".row.setl_id", e.SetlId).Admdvs(field + ".row.insuplc_admdvs", e.InsuplcAdmdvs)
            .DateTime(field + ".row.setl_time", e.SetlTime, out _)
            .That(e.RefdSetlFlag is "0" or "1", field + ".row.refd_setl_flag", "must be \"0\" or \"1\"");
        if (check.Count > before)
        {
            return null;
        }

        var funds = e.Funds.Select(f => new FundAmount(f.FundPayType, f.FundPayamt)).ToList();
        return new StoredRow(row.MdtrtareaAdmvs, new LedgerRow(
            e.SetlId, e.MdtrtId, e.PsnNo, e.InsuplcAdmdvs, e.FixmedinsCode, e.Msgid, e.SetlTime, (int)e.Insutype, e.ClrType,
            e.RefdSetlFlag == "1", e.MedfeeSumamt, e.FundPaySumamt, e.AcctPay, e.PsnCashPay, funds));
    }

    /// <summary>The contract's sums of stored totals.</summary>
    public static ClearingSums Sums(ClearingTotals totals)
    {
        var net = totals.Net;
        var sums = new ClearingSums
        {
            SetlCnt = totals.Settled.Count,
            RefdSetlCnt = totals.Reversed.Count,
            MedfeeSumamt = net.MedfeeSumamt,
            FundPaySumamt = net.FundPaySumamt,
            AcctPay = net.AcctPay,
            PsnCashPay = net.PsnCashPay,
            ClrSumamt = totals.Advanced,
        };
        foreach (var (type, fen) in net.Funds.OrderBy(f => f.Key))
        {
            sums.Funds.Add(new LedgerFund { FundPayType = type, FundPayamt = fen });
        }

        return sums;
    }

    /// <summary>
    /// The contract's declaration of <paramref name="stored"/>'s pair: the declared one when it was declared, else the rows
    /// booked so far (<paramref name="booked"/>) as undeclared.
    /// </summary>
    public static Contracts.V1.ClearingDeclaration Declaration(Storage.Clearing.ClearingDeclaration stored, ClearingTotals booked)
    {
        var steps = stored.Steps;
        return new Contracts.V1.ClearingDeclaration
        {
            ClrMonth = stored.Pair.MonthText,
            MdtrtareaAdmvs = stored.Pair.Treatment,
            InsuplcAdmdvs = stored.Pair.Insured,
            Status = Status(stored.Status),
            Sums = Sums(stored.IsDeclared ? stored.Declared : booked),
            DeclaredTime = steps.GetValueOrDefault("declared_at") ?? string.Empty,
            ConfirmedTime = steps.GetValueOrDefault("confirmed_at") ?? string.Empty,
            PaidTime = steps.GetValueOrDefault("paid_at") ?? string.Empty,
        };
    }

    /// <summary>The contract's status of a stored one ("" when not declared).</summary>
    public static ClearingStatus Status(string stored) => stored switch
    {
        "declared" => ClearingStatus.Declared,
        "confirmed" => ClearingStatus.Confirmed,
        "paid" => ClearingStatus.Paid,
        _ => ClearingStatus.Undeclared,
    };
}
