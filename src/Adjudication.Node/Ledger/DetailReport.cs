using Adjudication.Contracts.V1;

namespace Adjudication.Node.Ledger;

/// <summary>The outcome of a 3202 comparison: one result per comparison, in the order of <see cref="DetailComparison"/>, and the counts.</summary>
internal sealed record DetailReport(IReadOnlyList<ReconcileResult> Results, ReconcileSummary Summary);
