using Adjudication.Domain.Policy;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Outbox;
using Adjudication.Storage.Tests.Infrastructure;

namespace Adjudication.Storage.Tests.Scripts;

/// <summary>
/// Every reply of publish_policy.lua, publish_zone.lua and cache_zone.lua against a real store (DESIGN.md §12): policy
/// versions numbered in publication order and found by the date in force; zones versioned at the province and never
/// replaced by an older version at a city.
/// </summary>
public sealed class PolicyScriptTests
{
    private readonly RedisStoreOptions _options = new() { KeyPrefix = "ps" + Guid.NewGuid().ToString("N") };

    private PolicyStore NewPolicies() => new(TestRedis.Connection, _options);

    private ZoneStore NewZones() => new(TestRedis.Connection, _options);

    private static IntegrationZone Zone(int reductionBp) => new("zone", ["140100", "140700"], reductionBp);

    [Fact]
    public async Task PublishPolicy_TwoVersions_NumberedInOrderAndFoundByTheDateInForce()
    {
        // Arrange: version 1 in force from the start, version 2 from 1 July.
        var store = NewPolicies();
        var first = Policies.Outpatient();
        var july = Policies.Outpatient() with { EffectiveDate = new DateOnly(2026, 7, 1) };

        // Act
        var one = await store.PublishAsync(first, "A14010000001" + "20260601000000" + "0001", StoreSet.DigestOf("v1"));
        var two = await store.PublishAsync(july, "A14010000001" + "20260601000000" + "0002", StoreSet.DigestOf("v2"));

        // Assert: a fresh store (no near cache) reads both; the visit's start picks the version.
        Assert.Equal((PublishResult.Published, 1L), one);
        Assert.Equal((PublishResult.Published, 2L), two);
        var fresh = NewPolicies();
        Assert.Equal(1, (await fresh.InForceOnAsync(first.InsuplcAdmdvs, first.Insutype, new DateOnly(2026, 6, 30)))!.Version);
        Assert.Equal(2, (await fresh.InForceOnAsync(first.InsuplcAdmdvs, first.Insutype, new DateOnly(2026, 7, 1)))!.Version);
        Assert.Equal([1L, 2L], (await fresh.GetVersionsAsync(first.InsuplcAdmdvs, first.Insutype)).All.Select(v => v.Version));
    }

    [Fact]
    public async Task PublishPolicy_SameMsgidSameDigest_ReplayedWithItsVersion()
    {
        var store = NewPolicies();
        const string Msgid = "A140100000012026060100000001";
        await store.PublishAsync(Policies.Outpatient(), Msgid, StoreSet.DigestOf("v1"));

        var again = await store.PublishAsync(Policies.Outpatient(), Msgid, StoreSet.DigestOf("v1"));

        Assert.Equal((PublishResult.Replayed, 1L), again);
        Assert.Single((await NewPolicies().GetVersionsAsync(StoreSet.City, Insutype.EmployeeBasic)).All);
    }

    [Fact]
    public async Task PublishPolicy_SameMsgidOtherDigest_MsgidConflictAndNothingStored()
    {
        var store = NewPolicies();
        const string Msgid = "A140100000012026060100000001";
        await store.PublishAsync(Policies.Outpatient(), Msgid, StoreSet.DigestOf("v1"));

        var (result, _) = await store.PublishAsync(Policies.Outpatient(), Msgid, StoreSet.DigestOf("other"));

        Assert.Equal(PublishResult.MsgidConflict, result);
        Assert.Single((await NewPolicies().GetVersionsAsync(StoreSet.City, Insutype.EmployeeBasic)).All);
    }

    [Fact]
    public async Task PublishZone_NewReplayAndConflict_EveryReply()
    {
        var store = NewZones();

        string[] cities = ["140100", "140700"];

        var first = await store.PublishAsync(Zone(500), "A140000000012026060100000001", StoreSet.DigestOf("z1"), cities);
        var replay = await store.PublishAsync(Zone(500), "A140000000012026060100000001", StoreSet.DigestOf("z1"), cities);
        var (conflict, _) = await store.PublishAsync(Zone(300), "A140000000012026060100000001", StoreSet.DigestOf("z2"), cities);
        var second = await store.PublishAsync(Zone(300), "A140000000012026060100000002", StoreSet.DigestOf("z2"), cities);

        Assert.Equal((PublishResult.Published, 1L), first);
        Assert.Equal((PublishResult.Replayed, 1L), replay);
        Assert.Equal(PublishResult.MsgidConflict, conflict);
        Assert.Equal((PublishResult.Published, 2L), second);
        var held = Assert.Single(await NewZones().GetAllAsync());
        Assert.Equal((2L, 300), (held.Version, held.ReductionBp));
        // Each publication owes its version to every city, once: the replay and the conflict wrote nothing.
        var owed = (await new OutboxStore(TestRedis.Connection, _options).ReadAsync(store.OutboxSlot, 10)).Select(ZonePush.Read)
            .Select(o => (o.City, o.Zone.Version, o.Zone.ReductionBp, o.Zone.Name)).Order().ToArray();
        Assert.Equal([("140100", 1L, 500, Zone(0).Name), ("140100", 2L, 300, Zone(0).Name), ("140700", 1L, 500, Zone(0).Name), ("140700", 2L, 300, Zone(0).Name)], owed);
    }

    [Fact]
    public async Task CacheZone_NewerThenOlder_CachedThenKeptWithTheNewer()
    {
        var store = NewZones();

        var newer = await store.CacheAsync(Zone(300) with { Version = 2 });
        var older = await store.CacheAsync(Zone(500) with { Version = 1 });

        Assert.Equal((CacheZoneResult.Cached, 2L), newer);
        Assert.Equal((CacheZoneResult.Kept, 2L), older);
        var held = Assert.Single(await NewZones().GetAllAsync());
        Assert.Equal((2L, 300), (held.Version, held.ReductionBp));
        Assert.Equal(["140100", "140700"], held.Members);
    }
}
