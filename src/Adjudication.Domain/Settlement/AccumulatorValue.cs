using Adjudication.Domain.Units;

namespace Adjudication.Domain.Settlement;

/// <summary>One accumulator's amount: a year-to-date total, or what one settlement adds to it.</summary>
public readonly record struct AccumulatorValue(AccumulatorId Id, Money Amount);
