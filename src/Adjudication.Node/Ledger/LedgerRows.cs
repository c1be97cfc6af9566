using Adjudication.Contracts.V1;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Eligibility;
using Adjudication.Storage.Ledger;
using DomainVisit = Adjudication.Domain.Visits.Visit;

namespace Adjudication.Node.Ledger;

/// <summary>The hospital ledger's row of a settlement, made at its treatment city from the visit and the insured city's answer (DESIGN.md §11).</summary>
internal static class LedgerRows
{
    /// <summary>The row of settlement <paramref name="response"/> of <paramref name="visit"/>, made by the settle <paramref name="msgid"/>.</summary>
    public static LedgerRow Settled(DomainVisit visit, SettleResponse response, string msgid)
    {
        var split = response.Split ?? new SettlementSplit();
        var funds = new List<FundAmount>(split.Setldetail.Count);
        foreach (var detail in split.Setldetail)
        {
            funds.Add(new FundAmount(detail.FundPayType, detail.FundPayamt));
        }

        return new LedgerRow(
            response.SetlId,
            visit.MdtrtId,
            visit.PsnNo,
            visit.InsuplcAdmdvs,
            visit.FixmedinsCode,
            msgid,
            response.SetlTime,
            (int)visit.Insutype,
            Domain.Settlement.ClearingType.For(visit.MedType, visit.Insutype, ScopeOf(visit)),
            Refunded: false,
            split.MedfeeSumamt,
            split.FundPaySumamt,
            split.AcctPay,
            split.PsnCashPay,
            funds);
    }

    // Local, in-province or cross-province, from the two cities (DESIGN.md §2, §4.2 step 2).
    private static Scope ScopeOf(DomainVisit visit)
    {
        var insured = Admdvs.CityOf(visit.InsuplcAdmdvs);
        var treatment = Admdvs.CityOf(visit.TreatmentAdmdvs);
        return insured == treatment ? Scope.Local
            : Admdvs.ProvinceOf(insured) == Admdvs.ProvinceOf(treatment) ? Scope.InProvince
            : Scope.CrossProvince;
    }
}
