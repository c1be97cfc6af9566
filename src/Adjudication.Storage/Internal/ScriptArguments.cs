using Adjudication.Domain.Settlement;
using StackExchange.Redis;

namespace Adjudication.Storage.Internal;

/// <summary>
/// The one builder of script arguments: values in the order the script's header comment lists them, then, where a
/// script takes accumulators, their count and one name/delta/after triple each (DESIGN.md §4.3: adding a fund layer
/// adds triples, never positions). The array is sized once; a wrong count throws before anything is sent.
/// </summary>
internal sealed class ScriptArguments(int count)
{
    private readonly RedisValue[] _values = new RedisValue[count];
    private int _next;

    /// <summary>How many values a header of <paramref name="header"/> values and <paramref name="delta"/>'s triples take.</summary>
    public static int CountWith(int header, YearAccumulators delta) => header + 1 + (3 * delta.Entries.Length);

    /// <summary>Appends one value.</summary>
    public ScriptArguments Add(RedisValue value)
    {
        _values[_next++] = value;
        return this;
    }

    /// <summary>Appends the count of <paramref name="delta"/>'s accumulators, then name, delta and total after for each.</summary>
    public ScriptArguments AddAccumulators(YearAccumulators delta, YearAccumulators after)
    {
        var entries = delta.Entries;
        _values[_next++] = entries.Length;
        for (var i = 0; i < entries.Length; i++)
        {
            var id = entries[i].Id;
            _values[_next++] = id.Name;
            _values[_next++] = entries[i].Amount.Fen;
            _values[_next++] = after[id].Fen;
        }

        return this;
    }

    /// <summary>The arguments; throws when fewer were added than the array was sized for.</summary>
    public RedisValue[] ToArray() => _next == _values.Length
        ? _values
        : throw new InvalidOperationException($"script arguments: {_next} of {_values.Length} given");
}
