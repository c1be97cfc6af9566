using Adjudication.Domain.Classification;
using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Policy;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Settlement;

/// <summary>Everything the insured-side computation needs besides the policy (DESIGN.md §4.2).</summary>
public readonly record struct SettlementInput(
    ItemTotals Items,
    MedType MedType,
    HospitalLevel HospitalLevel,
    PersonType PersonType,
    bool AssistanceEligible,
    EligibilityDecision Eligibility,
    bool UseAccount,
    Money AccountBalance,
    YearAccumulators Year);
