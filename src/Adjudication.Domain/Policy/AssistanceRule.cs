using Adjudication.Domain.Units;

namespace Adjudication.Domain.Policy;

/// <summary>Medical assistance for eligible persons: a share of the remaining in-scope burden, capped yearly (DESIGN.md §4.2 step 6).</summary>
public sealed record AssistanceRule(int RatioBp, Money YearlyCap);
