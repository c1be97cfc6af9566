using Adjudication.Domain.Units;

namespace Adjudication.Domain.Settlement;

/// <summary>A computed settlement: the split, what it adds to the year's accumulators, and what it takes from the account.</summary>
public readonly record struct SettlementComputation(SettlementSplit Split, YearAccumulators Delta, Money AccountDebit);
