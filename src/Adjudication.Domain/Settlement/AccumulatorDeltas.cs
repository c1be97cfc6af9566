using Adjudication.Domain.Units;

namespace Adjudication.Domain.Settlement;

/// <summary>Collects what one settlement adds to the year (DESIGN.md §4.2 step 8); zero deltas are left out.</summary>
internal struct AccumulatorDeltas(int capacity)
{
    private readonly AccumulatorValue[] _values = new AccumulatorValue[capacity];
    private int _count;

    public void Add(AccumulatorId id, Money delta)
    {
        if (delta.Fen != 0)
        {
            _values[_count++] = new AccumulatorValue(id, delta);
        }
    }

    public readonly YearAccumulators ToAccumulators() => YearAccumulators.Of(_values.AsSpan(0, _count));
}
