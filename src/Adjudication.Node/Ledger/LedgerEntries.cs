using Adjudication.Contracts.V1;
using Adjudication.Storage.Ledger;

namespace Adjudication.Node.Ledger;

/// <summary>Ledger rows as ListSettlements answers them, with the national field names.</summary>
internal static class LedgerEntries
{
    /// <summary>The entry of <paramref name="row"/>.</summary>
    public static LedgerEntry Of(LedgerRow row)
    {
        var entry = new LedgerEntry
        {
            SetlId = row.SetlId,
            MdtrtId = row.MdtrtId,
            PsnNo = row.PsnNo,
            InsuplcAdmdvs = row.InsuplcAdmdvs,
            FixmedinsCode = row.FixmedinsCode,
            Msgid = row.Msgid,
            SetlTime = row.SetlTime,
            Insutype = (Insutype)row.Insutype,
            ClrType = row.ClrType,
            RefdSetlFlag = row.Refunded ? "1" : "0",
            MedfeeSumamt = row.MedfeeSumamt,
            FundPaySumamt = row.FundPaySumamt,
            AcctPay = row.AcctPay,
            PsnCashPay = row.PsnCashPay,
        };
        foreach (var fund in row.Funds)
        {
            entry.Funds.Add(new LedgerFund { FundPayType = fund.FundPayType, FundPayamt = fund.Fen });
        }

        return entry;
    }
}
