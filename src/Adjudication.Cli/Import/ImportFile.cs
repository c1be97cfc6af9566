using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Adjudication.Cli.Import;

/// <summary>
/// Reads an import file as rows: CSV with a header line (RFC 4180: quoted fields may hold commas and line breaks), or
/// a JSON array whose elements are the rows. <see cref="Fraction"/> tells how much of the file has been read, for the
/// progress bar.
/// </summary>
internal sealed class ImportFile : IDisposable
{
    private readonly FileStream _stream;

    private ImportFile(FileStream stream) => _stream = stream;

    /// <summary>How much of the file has been read, 0 to 1.</summary>
    public double Fraction => _stream.Length == 0 ? 1 : (double)_stream.Position / _stream.Length;

    /// <summary>Opens <paramref name="path"/>; <see cref="FileNotFoundException"/> and the like reach the caller.</summary>
    public static ImportFile Open(string path) => new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));

    /// <summary>
    /// The CSV rows in batches of at most <paramref name="batchSize"/>. The header must name every one of
    /// <paramref name="required"/>; otherwise <see cref="ImportFileException"/> before any row is read.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<ImportRow>> CsvBatchesAsync(IReadOnlyCollection<string> required, int batchSize)
    {
        using var reader = new StreamReader(_stream, leaveOpen: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
            // The parser's own message quotes the raw record (names, ID numbers): only the line is passed on.
            BadDataFound = bad => throw NotCsv(bad.Context.Parser?.RawRow ?? 0),
        });
        if (!await csv.ReadAsync().ConfigureAwait(false) || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            throw new ImportFileException("the file is empty: its first line must name the columns. Nothing was sent");
        }

        var missing = required.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new ImportFileException($"the header (line 1) lacks the column(s) {string.Join(", ", missing)}; it must name {string.Join(", ", required)}. Nothing was sent");
        }

        var batch = new List<ImportRow>(batchSize);
        while (await ReadAsync(csv).ConfigureAwait(false))
        {
            var fields = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            var record = csv.Parser.Record ?? [];
            for (var i = 0; i < header.Length; i++)
            {
                fields[header[i]] = i < record.Length ? record[i] : string.Empty;
            }

            // The parser counts the line a record ends on; a quoted field may span lines, so step back over them.
            var firstLine = csv.Parser.RawRow - LineBreaks(record);
            batch.Add(new ImportRow(string.Create(CultureInfo.InvariantCulture, $"line {firstLine}"), fields));
            if (batch.Count == batchSize)
            {
                yield return batch;
                batch = new List<ImportRow>(batchSize);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    // Counted over spans: a LINQ count over each field's characters cost an enumerator per field and a call per character
    // on every row of a million-row file.
    private static int LineBreaks(string[] record)
    {
        var count = 0;
        foreach (var field in record)
        {
            count += field.AsSpan().Count('\n');
        }

        return count;
    }

    private static async Task<bool> ReadAsync(CsvReader csv)
    {
        try
        {
            return await csv.ReadAsync().ConfigureAwait(false);
        }
        catch (CsvHelperException)
        {
            throw NotCsv(csv.Parser.RawRow);
        }
    }

    private static ImportFileException NotCsv(long line) => new(string.Create(CultureInfo.InvariantCulture,
        $"line {line} is not valid CSV (a quote inside an unquoted field, or a quoted field never closed); rows before it were sent"));

    /// <summary>The elements of the file's top-level JSON array, one row each (<see cref="ImportRow.JsonColumn"/>).</summary>
    public async Task<IReadOnlyList<ImportRow>> JsonItemsAsync()
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(_stream).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new ImportFileException($"the file is not JSON: {ex.Message}. Nothing was sent");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new ImportFileException("the file must hold a JSON array of items. Nothing was sent");
            }

            return [.. document.RootElement.EnumerateArray().Select((item, i) => new ImportRow(
                string.Create(CultureInfo.InvariantCulture, $"item {i}"),
                new Dictionary<string, string>(StringComparer.Ordinal) { [ImportRow.JsonColumn] = item.GetRawText() }))];
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}

/// <summary>The file cannot be imported at all (no header, a missing column, not JSON): nothing was sent.</summary>
internal sealed class ImportFileException(string message) : Exception(message);
