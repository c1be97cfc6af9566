using Adjudication.Domain.Units;

namespace Adjudication.Domain.Settlement;

/// <summary>
/// Collects what one settlement adds to the year (DESIGN.md §4.2 step 8): zero deltas are left out, two deltas of one
/// accumulator are summed, and the array becomes the result without a copy.
/// </summary>
internal struct AccumulatorDeltas(int capacity)
{
    private readonly AccumulatorValue[] _values = new AccumulatorValue[capacity];
    private int _count;

    public void Add(AccumulatorId id, Money delta)
    {
        if (delta.Fen == 0)
        {
            return;
        }

        for (var i = 0; i < _count; i++)
        {
            if (_values[i].Id == id)
            {
                _values[i] = new AccumulatorValue(id, _values[i].Amount + delta);
                return;
            }
        }

        _values[_count++] = new AccumulatorValue(id, delta);
    }

    public readonly YearAccumulators ToAccumulators() => YearAccumulators.Own(_values, _count);
}
