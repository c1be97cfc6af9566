namespace Adjudication.Cli.Import;

/// <summary>
/// One row of an import file: a CSV record (by its line number) or an element of a JSON file's array (by its index),
/// with its fields by column name.
/// </summary>
/// <param name="Where">Where the row is in the file, as the report names it: "line 12" or "item 3".</param>
/// <param name="Fields">The row's values by column (CSV header) name; a JSON element's raw text under <see cref="JsonColumn"/>.</param>
internal sealed record ImportRow(string Where, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The column under which a JSON file's element is carried whole.</summary>
    public const string JsonColumn = "json";

    /// <summary>The value of <paramref name="column"/>, trimmed; empty when the row leaves it blank.</summary>
    public string this[string column] => Fields.TryGetValue(column, out var value) ? value.Trim() : string.Empty;
}
