using Adjudication.Domain.Policy;
using Adjudication.Domain.Tests.Support;

namespace Adjudication.Domain.Tests.Policy;

/// <summary>DESIGN.md §12: a visit settles under the policy version in force at its start; old versions stay.</summary>
public sealed class PolicyVersionsTests
{
    private static readonly SettlementPolicy Base = TestPolicies.Employee() with { Version = 1 };

    private static SettlementPolicy Version(long version, DateOnly effective) => Base with { Version = version, EffectiveDate = effective };

    [Fact]
    public void InForceOn_VersionsOfSeveralDates_LatestEffectiveOnOrBeforeTheDate()
    {
        // Arrange: published out of date order: v1 from the start, v2 from 1 July, v3 from 1 March.
        var versions = new PolicyVersions([Version(1, default), Version(2, new DateOnly(2026, 7, 1)), Version(3, new DateOnly(2026, 3, 1))]);

        // Act / Assert
        Assert.Equal(1, versions.InForceOn(new DateOnly(2026, 2, 28))!.Version);
        Assert.Equal(3, versions.InForceOn(new DateOnly(2026, 3, 1))!.Version);
        Assert.Equal(3, versions.InForceOn(new DateOnly(2026, 6, 30))!.Version);
        Assert.Equal(2, versions.InForceOn(new DateOnly(2026, 7, 1))!.Version);
        Assert.Equal([1L, 2L, 3L], versions.All.Select(v => v.Version));
        Assert.Equal(3, versions.Find(3)!.Version);
        Assert.Null(versions.Find(4));
    }

    [Fact]
    public void InForceOn_SameEffectiveDateTwice_LaterPublicationWins()
    {
        var versions = new PolicyVersions([Version(2, new DateOnly(2026, 7, 1)), Version(1, new DateOnly(2026, 7, 1))]);

        Assert.Equal(2, versions.InForceOn(new DateOnly(2026, 8, 1))!.Version);
    }

    [Fact]
    public void InForceOn_BeforeTheFirstVersion_Null()
    {
        var versions = new PolicyVersions([Version(1, new DateOnly(2026, 7, 1))]);

        Assert.Null(versions.InForceOn(new DateOnly(2026, 6, 30)));
        Assert.Null(PolicyVersions.None.InForceOn(new DateOnly(2026, 6, 30)));
    }
}
