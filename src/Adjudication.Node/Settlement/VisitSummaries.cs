using System.Globalization;
using Adjudication.Contracts.V1;
using Adjudication.Domain.Classification;
using Adjudication.Domain.Units;
using Adjudication.Domain.Visits;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using DomainPolicy = Adjudication.Domain.Policy;

namespace Adjudication.Node.Settlement;

/// <summary>
/// A visit as the treatment city sends it to the insured city (DESIGN.md §3): the header and the classified totals,
/// not the fee lines, which stay with the treatment city's fee audit.
/// </summary>
internal static class VisitSummaries
{
    /// <summary>The summary of a visit treated here.</summary>
    public static VisitSummary Summarize(VisitSnapshot snapshot)
    {
        var v = snapshot.Visit;
        var t = snapshot.Totals;
        return new VisitSummary
        {
            MdtrtId = v.MdtrtId,
            FixmedinsCode = v.FixmedinsCode,
            HospLv = (Contracts.V1.HospitalLevel)v.HospitalLevel,
            MdtrtareaAdmvs = v.TreatmentAdmdvs,
            Insutype = (Contracts.V1.Insutype)v.Insutype,
            MedType = (Contracts.V1.MedType)v.MedType,
            Begntime = v.BeginTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DiseCodg = v.DiseaseCode,
            ChronicDiseCodg = v.ChronicDiseaseCode,
            MedfeeSumamt = t.MedFeeSum.Fen,
            FulamtOwnpayAmt = t.FullOwnPay.Fen,
            OverlmtSelfpay = t.OverLimit.Fen,
            PreselfpayAmt = t.PreSelfPay.Fen,
            InscpScpAmt = t.InScope.Fen,
        };
    }

    /// <summary>
    /// The insured city's open snapshot of a visit treated elsewhere, from its summary; refused INVALID_ARGUMENT when the
    /// summary is malformed or names another visit or institution than the settle request (its only owner check).
    /// </summary>
    public static VisitSnapshot ToRemoteSnapshot(VisitSummary summary, SettleRequest settle)
    {
        new RequestCheck()
            .That(summary.MdtrtId == settle.MdtrtId, "visit.mdtrt_id", "must equal settle.mdtrt_id")
            .That(summary.FixmedinsCode == settle.FixmedinsCode, "visit.fixmedins_code", "must equal settle.fixmedins_code")
            .Admdvs("visit.mdtrtarea_admvs", summary.MdtrtareaAdmvs)
            .Defined("visit.hosp_lv", Enum.IsDefined((DomainPolicy.HospitalLevel)summary.HospLv) && summary.HospLv != Contracts.V1.HospitalLevel.Unspecified, (int)summary.HospLv)
            .Defined("visit.insutype", summary.Insutype is Contracts.V1.Insutype.EmployeeBasic or Contracts.V1.Insutype.ResidentBasic, (int)summary.Insutype)
            .Defined("visit.med_type", DomainPolicy.MedTypes.IsDefined((DomainPolicy.MedType)summary.MedType), (int)summary.MedType)
            .DateTime("visit.begntime", summary.Begntime, out var begin)
            .Optional("visit.dise_codg", summary.DiseCodg)
            .Optional("visit.chronic_dise_codg", summary.ChronicDiseCodg)
            .That(summary.MedfeeSumamt >= 0 && summary.FulamtOwnpayAmt >= 0 && summary.OverlmtSelfpay >= 0 && summary.PreselfpayAmt >= 0 && summary.InscpScpAmt >= 0,
                "visit.medfee_sumamt", "totals must not be negative")
            .That(summary.InscpScpAmt <= summary.MedfeeSumamt, "visit.inscp_scp_amt", "must not exceed medfee_sumamt")
            .ThrowIfAny();
        var visit = new Visit(summary.MdtrtId, settle.PsnNo, settle.InsuplcAdmdvs, summary.FixmedinsCode, (DomainPolicy.HospitalLevel)summary.HospLv,
            summary.MdtrtareaAdmvs, (DomainPolicy.Insutype)summary.Insutype, (DomainPolicy.MedType)summary.MedType, begin, summary.DiseCodg, summary.ChronicDiseCodg, null);
        var totals = new ItemTotals(new Money(summary.MedfeeSumamt), new Money(summary.FulamtOwnpayAmt), new Money(summary.OverlmtSelfpay),
            new Money(summary.PreselfpayAmt), new Money(summary.InscpScpAmt));
        return VisitSnapshot.Remote(visit, totals);
    }
}
