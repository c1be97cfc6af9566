using Adjudication.Domain.Units;

namespace Adjudication.Domain.Settlement;

/// <summary>
/// A person's running totals for one calendar year, keyed by accumulator (DESIGN.md §4.2, §4.3): the policy-wide
/// measures and each fund layer's own. The same shape holds what one settlement adds (its delta), so a settlement adds
/// a delta and a cancel subtracts the same one. An accumulator not listed is 0. Immutable.
/// </summary>
public sealed class YearAccumulators : IEquatable<YearAccumulators>
{
    // The first _count entries are in use: an array sized for the worst case is kept as it is rather than copied, as
    // this type is built on the settle path (DESIGN.md §10: bytes per settle).
    private readonly AccumulatorValue[] _entries;
    private readonly int _count;

    private YearAccumulators(AccumulatorValue[] entries, int count) => (_entries, _count) = (entries, count);

    /// <summary>Nothing accumulated.</summary>
    public static YearAccumulators Empty { get; } = new([], 0);

    /// <summary>The accumulators listed, in order; never two entries with one id.</summary>
    public ReadOnlySpan<AccumulatorValue> Entries => _entries.AsSpan(0, _count);

    /// <summary>The amount of <paramref name="id"/>, 0 when not listed.</summary>
    public Money this[AccumulatorId id]
    {
        get
        {
            // A handful of entries: a linear scan beats hashing, and the ids are usually the same string instances.
            var at = IndexOf(_entries, _count, id);
            return at < 0 ? Money.Zero : _entries[at].Amount;
        }
    }

    /// <summary>Takes <paramref name="entries"/> as they are: the caller guarantees one entry per id in the first <paramref name="count"/>.</summary>
    internal static YearAccumulators Own(AccumulatorValue[] entries, int count) => new(entries, count);

    /// <summary>The given amounts; amounts of one id are summed.</summary>
    public static YearAccumulators Of(params ReadOnlySpan<AccumulatorValue> values) => Empty.Combine(values, sign: 1);

    /// <summary>The sum, accumulator by accumulator.</summary>
    public YearAccumulators Plus(YearAccumulators delta) => Combine(delta.Entries, sign: 1);

    /// <summary>The difference, accumulator by accumulator.</summary>
    public YearAccumulators Minus(YearAccumulators delta) => Combine(delta.Entries, sign: -1);

    /// <inheritdoc />
    public bool Equals(YearAccumulators? other) => other is not null && Covers(this, other) && Covers(other, this);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as YearAccumulators);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // Order-insensitive and blind to zero entries, like Equals.
        var hash = 0;
        foreach (var e in Entries)
        {
            hash ^= e.Amount.Fen == 0 ? 0 : HashCode.Combine(e.Id, e.Amount);
        }

        return hash;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", Entries.ToArray().Select(e => $"{e.Id}={e.Amount.Fen}"));

    private YearAccumulators Combine(ReadOnlySpan<AccumulatorValue> values, int sign)
    {
        var merged = new AccumulatorValue[_count + values.Length];
        Entries.CopyTo(merged);
        var count = _count;
        foreach (var value in values)
        {
            var amount = sign > 0 ? value.Amount : Money.Zero - value.Amount;
            var at = IndexOf(merged, count, value.Id);
            if (at < 0)
            {
                merged[count++] = new AccumulatorValue(value.Id, amount);
            }
            else
            {
                merged[at] = merged[at] with { Amount = merged[at].Amount + amount };
            }
        }

        return new YearAccumulators(merged, count);
    }

    private static int IndexOf(AccumulatorValue[] entries, int count, AccumulatorId id)
    {
        for (var i = 0; i < count; i++)
        {
            if (entries[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Covers(YearAccumulators a, YearAccumulators b)
    {
        foreach (var e in a.Entries)
        {
            if (b[e.Id] != e.Amount)
            {
                return false;
            }
        }

        return true;
    }
}
