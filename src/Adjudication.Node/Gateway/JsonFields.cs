using System.Globalization;
using System.Text.Json;
using Adjudication.Domain.Errors;

namespace Adjudication.Node.Gateway;

/// <summary>
/// One JSON object of an envelope read as real HIS send it (issue 17): keys in any order, unknown keys ignored, numbers
/// as numbers or strings, <c>null</c> or <c>""</c> for an empty value (an empty number is 0, NATIONAL-INTERFACE.md
/// §1.3). A value of the wrong kind is not guessed at: it is recorded as a violation naming its path
/// (<c>input.feedetail[2].pric</c>), and every violation of the request is refused together.
/// </summary>
internal sealed class JsonFields
{
    /// <summary>Most characters of a file carried inline (3202's rows as TAB text): the body limit bounds it anyway.</summary>
    public const int MaxFileLength = 4 * 1024 * 1024;

    private readonly JsonElement _element;
    private readonly string _path;
    private readonly List<FieldViolation> _violations;

    private JsonFields(JsonElement element, string path, List<FieldViolation> violations)
    {
        _element = element;
        _path = path;
        _violations = violations;
    }

    /// <summary>Every violation found so far over the whole request.</summary>
    public IReadOnlyList<FieldViolation> Violations => _violations;

    /// <summary>Reads <paramref name="root"/>, an object, with a violation list of its own.</summary>
    public static JsonFields Root(JsonElement root) => new(root, string.Empty, []);

    /// <summary>A text field; "" when absent or null. Numbers are taken as their literal (a psn_no sent as a number).</summary>
    public string Text(string name, int maxLength = 64)
    {
        if (!TryGet(name, out var value))
        {
            return string.Empty;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Trim(),
            JsonValueKind.Number => value.GetRawText(),
            _ => Wrong(name, "must be text"),
        };
        return text.Length <= maxLength ? text : Wrong(name, string.Create(CultureInfo.InvariantCulture, $"must be at most {maxLength} characters"));
    }

    /// <summary>An amount N16,2 in yuan, as fen; 0 when empty. A third decimal is refused, never rounded.</summary>
    public long Fen(string name)
    {
        if (Number(name) is not { } yuan)
        {
            return 0;
        }

        return NationalNumbers.ToFen(yuan) ?? Refuse(name, "must be yuan with at most 2 decimals (N16,2)");
    }

    /// <summary>A unit price (6 decimals) or quantity (4 decimals), as micros; 0 when empty.</summary>
    public long Micros(string name, int decimals)
    {
        if (Number(name) is not { } value)
        {
            return 0;
        }

        return NationalNumbers.ToMicros(value, decimals)
            ?? Refuse(name, string.Create(CultureInfo.InvariantCulture, $"must be a number with at most {decimals} decimals (N16,{decimals})"));
    }

    /// <summary>A whole number (a count N10); 0 when empty.</summary>
    public long Count(string name)
    {
        if (Number(name) is not { } value)
        {
            return 0;
        }

        return decimal.Truncate(value) == value && value is >= 0 and <= 9_999_999_999m ? decimal.ToInt64(value) : Refuse(name, "must be a whole number of at most 10 digits");
    }

    /// <summary>A code of a national table (insutype 310, med_type 21, ...) as its number; 0 when empty.</summary>
    public int Code(string name)
    {
        var text = Text(name, 9);
        if (text.Length == 0)
        {
            return 0;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : (int)Refuse(name, "must be a code of digits");
    }

    /// <summary>
    /// The object under <paramref name="name"/>; an array of one object is taken as that object (some HIS wrap every
    /// node in a list). Null, with a violation, when it is absent or not an object.
    /// </summary>
    public JsonFields? Object(string name)
    {
        if (TryGet(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.Object)
            {
                return Child(value, Path(name));
            }

            if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 1 && value[0].ValueKind == JsonValueKind.Object)
            {
                return Child(value[0], Path(name) + "[0]");
            }
        }

        Wrong(name, "is required: an object");
        return null;
    }

    /// <summary>The rows under <paramref name="name"/>: an array of objects (a single object counts as one row).</summary>
    public IReadOnlyList<JsonFields> Rows(string name)
    {
        if (!TryGet(name, out var value))
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return [Child(value, Path(name))];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Wrong(name, "must be a list of objects");
            return [];
        }

        var rows = new List<JsonFields>(value.GetArrayLength());
        var i = 0;
        foreach (var row in value.EnumerateArray())
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{Path(name)}[{i++}]");
            if (row.ValueKind == JsonValueKind.Object)
            {
                rows.Add(Child(row, path));
            }
            else
            {
                _violations.Add(new FieldViolation(path, "must be an object"));
            }
        }

        return rows;
    }

    /// <summary>A caller's value cut for echoing in a refusal (DESIGN.md §7).</summary>
    public static string Cut(string value) => Errors.Echo.Cut(value);

    /// <summary>Whether <paramref name="name"/> is present with a value other than null.</summary>
    public bool Has(string name) => TryGet(name, out _);

    /// <summary>Records a problem of a field found by a rule of the transaction rather than by its type.</summary>
    public void Problem(string name, string problem) => _violations.Add(new FieldViolation(Path(name), problem));

    private decimal? Number(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString()!.Trim(),
            _ => null,
        };
        if (text is null)
        {
            Wrong(name, "must be a number");
            return null;
        }

        if (text.Length == 0)
        {
            return null;
        }

        if (NationalNumbers.TryParse(text, out var number))
        {
            return number;
        }

        Wrong(name, "must be a number");
        return null;
    }

    private bool TryGet(string name, out JsonElement value) =>
        _element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private JsonFields Child(JsonElement element, string path) => new(element, path, _violations);

    private string Path(string name) => _path.Length == 0 ? name : _path + "." + name;

    private string Wrong(string name, string problem)
    {
        _violations.Add(new FieldViolation(Path(name), problem));
        return string.Empty;
    }

    private long Refuse(string name, string problem)
    {
        _violations.Add(new FieldViolation(Path(name), problem));
        return 0;
    }
}
