using Adjudication.Domain.Divisions;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Persons;
using Adjudication.Domain.Policy;

namespace Adjudication.Domain.Eligibility;

/// <summary>Eligibility (DESIGN.md §4.2 step 1): insured and active; filed unless local, emergency or within a zone.</summary>
public static class EligibilityRules
{
    /// <summary>
    /// Decides how the visit is eligible, or throws FAILED_PRECONDITION with the reason and what to do.
    /// <paramref name="zones"/> are the integration zones the insured city applies, as its province defined them (DESIGN.md §5).
    /// </summary>
    public static EligibilityDecision Decide(PersonProfile person, in VisitFacts visit, IReadOnlyList<Filing> filings, SettlementPolicy policy, IReadOnlyList<IntegrationZone> zones)
    {
        if (!person.InsuredActive)
        {
            throw Refuse(Reasons.PersonNotInsured, "The person's insurance is not active; ask them to contact their insured region's agency before settling.");
        }

        if (visit.MedType == MedType.ChronicSpecialOutpatient)
        {
            RequireChronicFiling(visit, filings);
        }

        var insuredCity = Admdvs.CityOf(person.InsuplcAdmdvs);
        var treatmentCity = Admdvs.CityOf(visit.TreatmentAdmdvs);
        if (insuredCity == treatmentCity)
        {
            return new EligibilityDecision(Scope.Local, FilingClass.None, false, 0);
        }

        var scope = Admdvs.ProvinceOf(insuredCity) == Admdvs.ProvinceOf(treatmentCity) ? Scope.InProvince : Scope.CrossProvince;

        // Every route to eligibility is a candidate (a zone, a filing, an emergency); the one with the smallest
        // reduction wins, so the person never loses points because a less favourable route also applies.
        EligibilityDecision? best = null;
        if (IntegrationZone.Joining(zones, insuredCity, treatmentCity) is { } zone)
        {
            best = new EligibilityDecision(scope, FilingClass.None, true, zone.ReductionBp);
        }

        for (var i = 0; i < filings.Count; i++)
        {
            var filing = filings[i];
            if (IsUsable(filing, treatmentCity, visit.Date))
            {
                best = Better(best, new EligibilityDecision(scope, filing.Class, false, policy.ReductionFor(filing.Class, scope)));
            }
        }

        if (MedTypes.IsEmergency(visit.MedType))
        {
            best = Better(best, new EligibilityDecision(scope, FilingClass.Emergency, false, policy.ReductionFor(FilingClass.Emergency, scope)));
        }

        return best ?? throw NoFiling(person.InsuplcAdmdvs, treatmentCity, visit, filings);
    }

    /// <summary>
    /// The treatment city's check before it opens a non-emergency visit outside an integration zone for a person insured
    /// elsewhere (DESIGN.md §3, §5): some filing must cover the treatment city on the visit date, else it refuses with
    /// the same reason and advice the insured city would give at settlement.
    /// </summary>
    public static void RequireRoute(string insuplcAdmdvs, in VisitFacts visit, IReadOnlyList<Filing> filings)
    {
        var treatmentCity = Admdvs.CityOf(visit.TreatmentAdmdvs);
        for (var i = 0; i < filings.Count; i++)
        {
            if (IsUsable(filings[i], treatmentCity, visit.Date))
            {
                return;
            }
        }

        throw NoFiling(insuplcAdmdvs, treatmentCity, visit, filings);
    }

    private static bool IsUsable(Filing filing, string treatmentCity, DateOnly date) =>
        filing.Class != FilingClass.ChronicDisease && filing.Status == FilingStatus.Active
        && Admdvs.Covers(filing.DestAdmdvs, treatmentCity) && filing.CoversDate(date);

    // Why no filing applies, most helpful first: one that starts later, one that lapsed, one that was revoked, none.
    private static AdjudicationException NoFiling(string insuplcAdmdvs, string treatmentCity, in VisitFacts visit, IReadOnlyList<Filing> filings)
    {
        Filing? expired = null;
        Filing? notYetValid = null;
        Filing? revoked = null;
        for (var i = 0; i < filings.Count; i++)
        {
            var filing = filings[i];
            if (filing.Class == FilingClass.ChronicDisease || !Admdvs.Covers(filing.DestAdmdvs, treatmentCity))
            {
                continue;
            }

            if (filing.Status == FilingStatus.Revoked)
            {
                revoked ??= filing;
            }
            else if (visit.Date < filing.BeginDate)
            {
                notYetValid ??= filing;
            }
            else if (!filing.CoversDate(visit.Date))
            {
                expired ??= filing;
            }
        }

        if (notYetValid is not null)
        {
            return Refuse(Reasons.FilingRequired, $"Filing {notYetValid.FilingId} to {notYetValid.DestAdmdvs} starts on {notYetValid.BeginDate:yyyy-MM-dd}, after the visit date {visit.Date:yyyy-MM-dd}; ask the insured region to correct its start date or settle as a self-paid visit.");
        }

        if (expired is not null)
        {
            return Refuse(Reasons.FilingExpired, $"Filing {expired.FilingId} to {expired.DestAdmdvs} does not cover {visit.Date:yyyy-MM-dd} (valid {expired.BeginDate:yyyy-MM-dd} to {expired.EndDate:yyyy-MM-dd}); ask the insured region to extend it or register a new filing, or settle as a self-paid visit.");
        }

        if (revoked is not null)
        {
            return Refuse(Reasons.FilingRequired, $"Filing {revoked.FilingId} to {revoked.DestAdmdvs} was revoked; the person needs a new filing with their insured region ({insuplcAdmdvs}) before settling here.");
        }

        return Refuse(Reasons.FilingRequired, $"The person insured in {insuplcAdmdvs} has no filing covering {treatmentCity}; register a filing with the insured region (online or at its agency) before settling, or settle as a self-paid visit.");
    }

    private static EligibilityDecision Better(EligibilityDecision? current, EligibilityDecision candidate) =>
        current is { } c && c.ReductionBp <= candidate.ReductionBp ? c : candidate;

    private static void RequireChronicFiling(in VisitFacts visit, IReadOnlyList<Filing> filings)
    {
        for (var i = 0; i < filings.Count; i++)
        {
            var filing = filings[i];
            if (filing.Class == FilingClass.ChronicDisease && filing.Status == FilingStatus.Active
                && filing.ChronicDiseaseCode == visit.ChronicDiseaseCode && filing.CoversDate(visit.Date))
            {
                return;
            }
        }

        throw Refuse(Reasons.ChronicDiseaseNotFiled, $"No active chronic-disease filing for disease '{visit.ChronicDiseaseCode}' on {visit.Date:yyyy-MM-dd}; the insured region must register it before the visit settles as 门诊慢特病 (med_type 14).");
    }

    private static AdjudicationException Refuse(string reason, string message) => new(ErrorKind.FailedPrecondition, reason, message);
}
