using Adjudication.Domain.Classification;
using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Policy;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Settlement;

/// <summary>Everything the insured-side computation needs besides the policy (DESIGN.md §4.2).</summary>
/// <param name="Items">The visit's item totals (§4.1).</param>
/// <param name="MedType">The visit's medical type.</param>
/// <param name="HospitalLevel">The hospital's level.</param>
/// <param name="PersonType">The person's type, for the ratio.</param>
/// <param name="AssistanceEligible">Whether layers covering assistance-eligible persons apply.</param>
/// <param name="Eligibility">The eligibility decision: filing class and reduction.</param>
/// <param name="UseAccount">Whether the terminal asked to pay from the personal account.</param>
/// <param name="AccountBalance">The account balance before.</param>
/// <param name="Year">The person's accumulators this year.</param>
/// <param name="CivilServant">Whether layers covering civil servants apply.</param>
/// <param name="EnterpriseSupplementary">Whether layers covering employees of enterprises with a supplementary scheme apply.</param>
public readonly record struct SettlementInput(
    ItemTotals Items,
    MedType MedType,
    HospitalLevel HospitalLevel,
    PersonType PersonType,
    bool AssistanceEligible,
    EligibilityDecision Eligibility,
    bool UseAccount,
    Money AccountBalance,
    YearAccumulators Year,
    bool CivilServant = false,
    bool EnterpriseSupplementary = false)
{
    /// <summary>Whether a layer of <paramref name="coverage"/> pays for this person (DESIGN.md §4.3).</summary>
    public bool Covers(FundCoverage coverage) => coverage switch
    {
        FundCoverage.Everyone => true,
        FundCoverage.CivilServants => CivilServant,
        FundCoverage.AssistanceEligible => AssistanceEligible,
        FundCoverage.EnterpriseSupplementary => EnterpriseSupplementary,
        _ => false,
    };
}
