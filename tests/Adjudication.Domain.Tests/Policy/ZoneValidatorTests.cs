using Adjudication.Domain.Policy;

namespace Adjudication.Domain.Tests.Policy;

/// <summary>DESIGN.md §5, §12: a province defines zones of its own cities, each named, with a reduction of 0-100%.</summary>
public sealed class ZoneValidatorTests
{
    [Fact]
    public void Problems_CentralShanxiAtShanxi_None()
    {
        var zone = new IntegrationZone("山西中部城市群", ["140100", "140900", "140300", "140700", "141100"], 500);

        Assert.Empty(ZoneValidator.Problems(zone, "140000"));
    }

    [Fact]
    public void Problems_EveryFault_EachNamedByItsField()
    {
        // Arrange: no name; a county, a city of another province, a city listed twice; reduction over 100%.
        var zone = new IntegrationZone("", ["140121", "110100", "140100", "140100"], 10_001);

        // Act
        var fields = ZoneValidator.Problems(zone, "140000").Select(p => p.Field);

        // Assert
        Assert.Equal(["name", "member_admdvs[0]", "member_admdvs[1]", "member_admdvs[3]", "reduction_bp"], fields);
    }

    [Fact]
    public void Problems_OneMember_MemberListNamed()
    {
        var zone = new IntegrationZone("one", ["140100"], 0);

        Assert.Equal(["member_admdvs"], ZoneValidator.Problems(zone, "140000").Select(p => p.Field));
    }

    [Fact]
    public void Joining_TwoZonesHoldBothCities_TheSmallerReduction()
    {
        IReadOnlyList<IntegrationZone> zones = [new("a", ["140100", "140700"], 500), new("b", ["140100", "140700", "140900"], 200), new("c", ["140200", "140300"], 0)];

        Assert.Equal("b", IntegrationZone.Joining(zones, "140700", "140100")!.Name);
        Assert.Null(IntegrationZone.Joining(zones, "140100", "140200"));
    }
}
