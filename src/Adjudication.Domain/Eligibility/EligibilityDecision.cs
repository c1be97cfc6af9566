namespace Adjudication.Domain.Eligibility;

/// <summary>
/// How a visit is eligible: its scope, the filing class that made it eligible (None for local visits and
/// integration zones) and the ratio reduction that follows (DESIGN.md §4.2 steps 1-2).
/// </summary>
public readonly record struct EligibilityDecision(Scope Scope, FilingClass FilingClass, bool IntegrationZone, int ReductionBp);
