using Adjudication.Cli.Import;

namespace Adjudication.Cli.Tests;

/// <summary>Reading import files: CSV rows by line number with RFC 4180 quoting, JSON items by index, files refused whole.</summary>
public sealed class ImportFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "adjudication-import-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task CsvBatches_QuotedCommasAndLineBreaks_RowsNamedByTheLineTheyStartOn()
    {
        await File.WriteAllTextAsync(_path, "psn_no,name,note\n1401000001,王建国,plain\n1401000002,\"李, 娜\",\"two\nlines\"\n1401000003, 张小雨 ,\n");
        using var file = ImportFile.Open(_path);

        var batches = await ToListAsync(file.CsvBatchesAsync(["psn_no", "name"], batchSize: 2));

        Assert.Equal([2, 1], batches.Select(b => b.Count));
        var rows = batches.SelectMany(b => b).ToList();
        Assert.Equal(["line 2", "line 3", "line 5"], rows.Select(r => r.Where));
        Assert.Equal("李, 娜", rows[1]["name"]);
        Assert.Equal("two\nlines", rows[1]["note"]);
        Assert.Equal("张小雨", rows[2]["name"]);
        Assert.Equal(string.Empty, rows[2]["note"]);
        Assert.Equal(string.Empty, rows[0]["no_such_column"]);
        Assert.Equal(1.0, file.Fraction);
    }

    [Fact]
    public async Task CsvBatches_HeaderLacksARequiredColumn_RefusedNamingItBeforeAnyRow()
    {
        await File.WriteAllTextAsync(_path, "psn_no,nam\n1401000001,王建国\n");
        using var file = ImportFile.Open(_path);

        var refused = await Assert.ThrowsAsync<ImportFileException>(() => ToListAsync(file.CsvBatchesAsync(["psn_no", "name"], batchSize: 10)));

        Assert.Contains("lacks the column(s) name", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvBatches_StrayQuote_RefusedNamingTheLineWithoutItsContent()
    {
        await File.WriteAllTextAsync(_path, "psn_no,psn_name,certno\n1401000001,王建国,140100196503120011\n1401000002,李\"娜,140100198809210024\n");
        using var file = ImportFile.Open(_path);

        var refused = await Assert.ThrowsAsync<ImportFileException>(() => ToListAsync(file.CsvBatchesAsync(["psn_no"], batchSize: 1)));

        Assert.Contains("line 3 is not valid CSV", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("140100198809210024", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("李", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvBatches_EmptyFile_RefusedAskingForAHeader()
    {
        await File.WriteAllTextAsync(_path, string.Empty);
        using var file = ImportFile.Open(_path);

        var refused = await Assert.ThrowsAsync<ImportFileException>(() => ToListAsync(file.CsvBatchesAsync(["psn_no"], batchSize: 10)));

        Assert.Contains("first line must name the columns", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonItems_ArrayOfObjects_OneRowPerItemWithItsText()
    {
        await File.WriteAllTextAsync(_path, """[{"name":"central Shanxi","members":["140100","140700"]},{"name":"b"}]""");
        using var file = ImportFile.Open(_path);

        var items = await file.JsonItemsAsync();

        Assert.Equal(["item 0", "item 1"], items.Select(i => i.Where));
        Assert.Equal("""{"name":"central Shanxi","members":["140100","140700"]}""", items[0][ImportRow.JsonColumn]);
    }

    [Theory]
    [InlineData("{\"name\":\"a\"}", "must hold a JSON array")]
    [InlineData("[{\"name\":", "not JSON")]
    public async Task JsonItems_NotAnArray_RefusedSayingWhat(string text, string expected)
    {
        await File.WriteAllTextAsync(_path, text);
        using var file = ImportFile.Open(_path);

        var refused = await Assert.ThrowsAsync<ImportFileException>(file.JsonItemsAsync);

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    private static async Task<List<IReadOnlyList<ImportRow>>> ToListAsync(IAsyncEnumerable<IReadOnlyList<ImportRow>> batches)
    {
        var list = new List<IReadOnlyList<ImportRow>>();
        await foreach (var batch in batches)
        {
            list.Add(batch);
        }

        return list;
    }
}
