using Adjudication.Benchmarks.Fixtures;
using Adjudication.Domain.Catalog;
using Adjudication.Domain.Classification;
using BenchmarkDotNet.Attributes;

namespace Adjudication.Benchmarks.Engine;

/// <summary>Item classification of a 20-line bill (DESIGN.md §4.1); the hot path must not allocate.</summary>
public class ClassificationBenchmarks
{
    private FeeLine[] _lines = [];
    private CatalogEntry?[] _entries = [];
    private CatalogVersion _version = null!;

    /// <summary>Builds the catalog and the bill, and resolves each line's entry once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var entries = DemoBill.CatalogEntries();
        _version = DemoBill.CatalogSet(entries).InForceOn(DemoBill.FeeDate)!;
        _lines = DemoBill.Lines(entries);
        _entries = [.. _lines.Select(l => _version.TryFind(l.Code, out var e) ? e : null)];
    }

    /// <summary>TryClassify + ItemTotals.Add over 20 lines with entries already resolved.</summary>
    [Benchmark]
    public ItemTotals ClassifyBill()
    {
        var totals = default(ItemTotals);
        var lines = _lines;
        var entries = _entries;
        for (var i = 0; i < lines.Length; i++)
        {
            if (ItemClassifier.TryClassify(in lines[i], entries[i], out var classified))
            {
                totals = totals.Add(in classified);
            }
        }

        return totals;
    }

    /// <summary>The same bill including the catalog lookup of each line's code, as the node does it.</summary>
    [Benchmark]
    public ItemTotals LookupAndClassifyBill()
    {
        var totals = default(ItemTotals);
        var lines = _lines;
        for (var i = 0; i < lines.Length; i++)
        {
            var entry = _version.TryFind(lines[i].Code, out var e) ? e : null;
            if (ItemClassifier.TryClassify(in lines[i], entry, out var classified))
            {
                totals = totals.Add(in classified);
            }
        }

        return totals;
    }
}
