using Adjudication.Domain.Catalog;
using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Time;
using V1 = Adjudication.Contracts.V1;

namespace Adjudication.Node.Mapping;

/// <summary>Domain ↔ contract conversions. Enum values are the national codes on both sides, so enums cast directly.</summary>
internal static class ProtoMapping
{
    /// <summary>The split as setlinfo plus one setldetail row per paying layer (DESIGN.md §4.2, §4.3).</summary>
    public static V1.SettlementSplit ToProto(in SettlementSplit s, in EligibilityDecision eligibility)
    {
        var split = new V1.SettlementSplit
        {
            MedfeeSumamt = s.MedFeeSum.Fen,
            FulamtOwnpayAmt = s.FullOwnPay.Fen,
            OverlmtSelfpay = s.OverLimit.Fen,
            PreselfpayAmt = s.PreSelfPay.Fen,
            InscpScpAmt = s.InScope.Fen,
            ActPayDedc = s.Deductible.Fen,
            HifpPay = s.BasicFund.Fen,
            // 基本医疗保险统筹基金支付比例 is the ratio R (DESIGN.md §4.2), in basis points.
            PoolPropSelfpay = s.BasicRatioBp,
            CvlservPay = s.CivilServant.Fen,
            HifesPay = s.EnterpriseSupplementary.Fen,
            HifobPay = s.LargeAmount.Fen,
            HifmiPay = s.CriticalIllness.Fen,
            MafPay = s.Assistance.Fen,
            OthPay = s.Other.Fen,
            FundPaySumamt = s.FundPaySum.Fen,
            PsnPartAmt = s.PersonalPart.Fen,
            AcctPay = s.AccountPay.Fen,
            PsnCashPay = s.CashPay.Fen,
            HospPartAmt = s.HospitalPart.Fen,
            Balc = s.BalanceAfter.Fen,
            HifpRatioBp = s.BasicRatioBp,
            FilingClass = (V1.FilingClass)eligibility.FilingClass,
            IntegrationZone = eligibility.IntegrationZone,
        };
        // Sized once: a repeated field grows to 8 on its first row otherwise (DESIGN.md §10: bytes per settle).
        split.Setldetail.Capacity = s.Payments.Count;
        for (var i = 0; i < s.Payments.Count; i++)
        {
            var p = s.Payments[i];
            split.Setldetail.Add(new V1.SettlementDetail
            {
                FundPayType = (int)p.FundPayType,
                InscpScpAmt = p.InScope.Fen,
                CrtPaybLmtAmt = p.PayableLimit.Fen,
                FundPayamt = p.Paid.Fen,
            });
        }

        return split;
    }

    /// <summary>A classified fee line as the terminal sees it (DESIGN.md §4.1).</summary>
    public static V1.FeeLineResult ToResult(string feedetlSn, string code, in Domain.Classification.ClassifiedLine c, string catalogVersion) => new()
    {
        FeedetlSn = feedetlSn,
        MedListCodg = code,
        ItemClass = (V1.ItemClass)c.Class,
        DetItemFeeSumamt = c.Amount.Fen,
        FulamtOwnpayAmt = c.FullOwnPay.Fen,
        OverlmtSelfpay = c.OverLimit.Fen,
        PreselfpayAmt = c.PreSelfPay.Fen,
        InscpScpAmt = c.InScope.Fen,
        CatalogVersion = catalogVersion,
    };

    public static V1.CatalogEntry ToProto(CatalogEntry e) => new()
    {
        MedListCodg = e.Code,
        Name = e.Name,
        ItemClass = (V1.ItemClass)e.Class,
        SelfpayBp = e.SelfPayBp,
        PriceCap = e.PriceCapMicros,
        Restricted = e.Restricted,
    };

    public static CatalogEntry ToDomain(V1.CatalogEntry e) =>
        new(e.MedListCodg, e.Name, (ItemClass)e.ItemClass, e.SelfpayBp, e.PriceCap, e.Restricted);

    public static V1.Filing ToProto(Filing f) => new()
    {
        FilingId = f.FilingId,
        Version = f.Version,
        PsnNo = f.PsnNo,
        InsuplcAdmdvs = f.InsuplcAdmdvs,
        FilingClass = (V1.FilingClass)f.Class,
        DestAdmdvs = f.DestAdmdvs,
        Begndate = f.BeginDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Enddate = f.EndDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        Status = (V1.FilingStatus)f.Status,
        ChronicDiseCodg = f.ChronicDiseaseCode,
        UpdatedAt = ChinaTime.Format(f.UpdatedAt),
    };

    /// <summary>A filing version received from another node; malformed fields are refused with INVALID_ARGUMENT.</summary>
    public static Filing ToDomain(V1.Filing f)
    {
        DateOnly? end = null;
        var check = new Validation.RequestCheck()
            .Id("filing_id", f.FilingId)
            .Id("psn_no", f.PsnNo)
            .Admdvs("insuplc_admdvs", f.InsuplcAdmdvs)
            .That(f.Version > 0, "version", "must be positive")
            .Defined("filing_class", FilingClasses.IsDefined((FilingClass)f.FilingClass), (int)f.FilingClass)
            .Defined("status", f.Status is V1.FilingStatus.Active or V1.FilingStatus.Revoked, (int)f.Status)
            .Date("begndate", f.Begndate, out var begin)
            .DateTime("updated_at", f.UpdatedAt, out var updated)
            .Optional("chronic_dise_codg", f.ChronicDiseCodg);
        if ((FilingClass)f.FilingClass != FilingClass.ChronicDisease)
        {
            check.Admdvs("dest_admdvs", f.DestAdmdvs);
        }

        if (f.Enddate.Length > 0)
        {
            check.Date("enddate", f.Enddate, out var e);
            end = e;
        }

        check.ThrowIfAny();
        return new Filing(f.FilingId, f.Version, f.PsnNo, f.InsuplcAdmdvs, (FilingClass)f.FilingClass, f.DestAdmdvs, begin, end,
            (FilingStatus)f.Status, f.ChronicDiseCodg, new DateTimeOffset(updated, ChinaTime.Offset));
    }
}
