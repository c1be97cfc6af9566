using Adjudication.Domain.Eligibility;

namespace Adjudication.Domain.Policy;

/// <summary>Points the basic ratio drops by for a filing class and scope (DESIGN.md §4.2 step 2).</summary>
public sealed record Reduction(FilingClass Class, Scope Scope, int ReductionBp);
