using Adjudication.Domain.Catalog;

namespace Adjudication.Domain.Tests.Catalog;

/// <summary>Which catalog versions stay in memory: those in force on some day from the look-back's first day on.</summary>
public sealed class CatalogSetTests
{
    private static readonly CatalogSet Set = new([Version("2015.01", 2015, 1), Version("2019.01", 2019, 1), Version("2025.07", 2025, 7), Version("2026.01", 2026, 1), Version("2027.01", 2027, 1)]);

    [Fact]
    public void InForceFrom_KeepsTheVersionInForceOnThatDayAndEveryLaterOne()
    {
        var kept = Set.InForceFrom(new DateOnly(2025, 1, 1));

        Assert.Equal(["2019.01", "2025.07", "2026.01", "2027.01"], kept.Versions.Select(v => v.Version));
        Assert.Equal("2019.01", kept.InForceOn(new DateOnly(2025, 3, 1))?.Version);
        Assert.Null(kept.InForceOn(new DateOnly(2018, 12, 31)));
    }

    [Fact]
    public void InForceFrom_DayBeforeEveryVersion_KeepsThemAll()
    {
        Assert.Same(Set, Set.InForceFrom(new DateOnly(2010, 1, 1)));
    }

    [Fact]
    public void InForceFrom_IdsAndDates_SameRuleAsTheLoadedSet()
    {
        var ids = CatalogSet.InForceFrom(Set.Versions.Select(v => (v.Version, v.EffectiveDate)), new DateOnly(2026, 1, 1));

        Assert.Equal(["2026.01", "2027.01"], ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids, Set.InForceFrom(new DateOnly(2026, 1, 1)).Versions.Select(v => v.Version).ToHashSet());
    }

    private static CatalogVersion Version(string id, int year, int month) =>
        new(id, new DateOnly(year, month, 1), [new CatalogEntry("250101015", "Consultation", ItemClass.A, 0, 0, false)]);
}
