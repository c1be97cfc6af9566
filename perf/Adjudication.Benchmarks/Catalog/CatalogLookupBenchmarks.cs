using Adjudication.Benchmarks.Fixtures;
using Adjudication.Domain.Catalog;
using Adjudication.Domain.Classification;
using BenchmarkDotNet.Attributes;

namespace Adjudication.Benchmarks.Catalog;

/// <summary>Catalog version selection by fee date and code lookup over the 3,000-item demo catalog.</summary>
public class CatalogLookupBenchmarks
{
    private CatalogSet _set = null!;
    private CatalogVersion _version = null!;
    private FeeLine[] _lines = [];

    /// <summary>Three versions of the full demo catalog and the 20-line bill (18 known codes, 2 unknown).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var entries = DemoBill.CatalogEntries();
        _set = DemoBill.CatalogSet(entries);
        _version = _set.InForceOn(DemoBill.FeeDate)!;
        _lines = DemoBill.Lines(entries);
    }

    /// <summary>Selects the version in force on a fee date.</summary>
    [Benchmark]
    public CatalogVersion? InForceOn() => _set.InForceOn(DemoBill.FeeDate);

    /// <summary>Looks up the bill's 20 codes in one version.</summary>
    [Benchmark]
    public int TryFindBillCodes()
    {
        var found = 0;
        foreach (var line in _lines)
        {
            if (_version.TryFind(line.Code, out _))
            {
                found++;
            }
        }

        return found;
    }

    /// <summary>Per line: the version in force on the line's fee date, then the code, as the node does it.</summary>
    [Benchmark]
    public int InForceOnAndTryFindPerLine()
    {
        var found = 0;
        foreach (var line in _lines)
        {
            if (_set.InForceOn(line.FeeDate) is { } version && version.TryFind(line.Code, out _))
            {
                found++;
            }
        }

        return found;
    }
}
