using Adjudication.Cli.Tests.Infrastructure;
using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests;

/// <summary>
/// A hop that is down (DESIGN.md §3): a standby address takes over, and a node with no address left answers
/// UNAVAILABLE naming the hop within the caller's deadline. "Within" is proven by the status itself: past the deadline
/// the caller's channel ends the call on its own with DEADLINE_EXCEEDED, so the node's UNAVAILABLE (or a settlement)
/// can only have arrived before it. Each test stops nodes, so each starts its own network.
/// </summary>
public sealed class NetworkOutageTests
{
    [Fact]
    public async Task Settle_ActiveProvincialHostStopped_StandbyAddressTakesOver()
    {
        await using var network = await TestNetwork.StartAsync();
        var person = await network[Jinzhong].AddPersonAsync();
        await network.FileAsync(person, FilingClass.LongTermResident, "110000", "2026-01-01");
        var beijing = network[BeijingCity];
        var visit = await beijing.OpenVisitAsync(person, MedType.Inpatient, [Line("1", ClassA, 3000.00m, 1m)], BeijingHospital);

        // Act: the active Shanxi host goes down; the route Beijing → national → Shanxi → Jinzhong must use the standby.
        await network[Shanxi].StopAsync();
        var settled = await beijing.Settlement.SettleAsync(beijing.NewSettle(person, visit, hospital: BeijingHospital), deadline: DateTime.UtcNow.AddSeconds(10));

        // Assert: employee inpatient tertiary 85% − 0 (long-term residents have no reduction in the test policy):
        // 300,000 − 90,000 deductible = 210,000 eligible → hifp 178,500.
        Assert.Equal(178_500, settled.Split.HifpPay);
        Assert.Equal(178_500, (await network[Jinzhong].ReadPersonAsync(person.PsnNo)).Accumulators.BasicPaid.Fen);
    }

    [Fact]
    public async Task Settle_ProvincialNodeDown_UnavailableNamingTheHopWithinTheDeadline()
    {
        await using var network = await TestNetwork.StartAsync();
        var person = await network[Taiyuan].AddPersonAsync();
        var beijing = network[BeijingCity];
        var emergency = await beijing.OpenVisitAsync(person, MedType.Emergency, [Line("1", ClassA, 200.00m, 1m)], BeijingHospital);

        // Act: the Beijing provincial node, the treatment city's only way out, is stopped.
        await network[Beijing].StopAsync();
        var failure = await RpcAssert.FailsAsync(StatusCode.Unavailable, "HOP_UNAVAILABLE",
            () => beijing.Settlement.SettleAsync(beijing.NewSettle(person, emergency, hospital: BeijingHospital), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        // Assert: the message names the hop and its address, and says what to do; nothing was committed.
        Assert.Contains("provincial node P-110000 (110000)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("retry with the same msgid", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await network[Taiyuan].ReadPersonAsync(person.PsnNo)).Accumulators.BasicPaid.Fen);
    }

    [Fact]
    public async Task Settle_ActiveProvincialHostHangs_StandbyTakesOverWithinTheDeadline()
    {
        // Arrange: a Jinzhong resident living in Beijing; Shanxi's first address is now a host that accepts and hangs.
        await using var network = await TestNetwork.StartAsync();
        await using var hung = new HungPeer();
        var person = await network[Jinzhong].AddPersonAsync();
        await network.FileAsync(person, FilingClass.LongTermResident, "110000", "2026-01-01");
        var beijing = network[BeijingCity];
        var visit = await beijing.OpenVisitAsync(person, MedType.Inpatient, [Line("1", ClassA, 3000.00m, 1m)], BeijingHospital);
        network.AddressesOf(Shanxi).Insert(0, hung.Address);

        // Act: the national node tries the hung host for its share of the time, then the standby.
        var settled = await beijing.Settlement.SettleAsync(beijing.NewSettle(person, visit, hospital: BeijingHospital), deadline: DateTime.UtcNow.AddSeconds(10));

        // Assert: settled once, as in the stopped-host case: hifp 178,500, before the terminal's deadline.
        Assert.Equal(178_500, settled.Split.HifpPay);
        Assert.Equal(178_500, (await network[Jinzhong].ReadPersonAsync(person.PsnNo)).Accumulators.BasicPaid.Fen);
    }

    [Fact]
    public async Task Settle_ProvincialNodeAcceptsConnectionsAndHangs_HopUnavailableNamingTheHopBeforeTheDeadline()
    {
        // Arrange: Beijing's provincial node, the treatment city's only way out, accepts connections and never answers.
        await using var network = await TestNetwork.StartAsync();
        await using var hung = new HungPeer();
        var person = await network[Taiyuan].AddPersonAsync();
        var beijing = network[BeijingCity];
        var emergency = await beijing.OpenVisitAsync(person, MedType.Emergency, [Line("1", ClassA, 200.00m, 1m)], BeijingHospital);
        var addresses = network.AddressesOf(Beijing);
        addresses.Clear();
        addresses.Add(hung.Address);

        // Act: no TLS handshake ever completes, so the request never reaches it.
        var failure = await RpcAssert.FailsAsync(StatusCode.Unavailable, "HOP_UNAVAILABLE",
            () => beijing.Settlement.SettleAsync(beijing.NewSettle(person, emergency, hospital: BeijingHospital), deadline: DateTime.UtcNow.AddSeconds(6)).ResponseAsync);

        // Assert: named, in time, and truthfully nothing was committed.
        Assert.Contains("provincial node P-110000 (110000)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await network[Taiyuan].ReadPersonAsync(person.PsnNo)).Accumulators.BasicPaid.Fen);
    }

    [Fact]
    public async Task Settle_RelayHangsAfterTheInsuredCityCommitted_OutcomeUnknownBeforeTheDeadlineThenSameMsgidReturnsIt()
    {
        // Arrange: a Taiyuan employee's 3,000.00 class A emergency in Beijing; its pre-settle gives the split to expect.
        // Then Beijing's provincial node is set to relay the next call and never answer it.
        await using var network = await TestNetwork.StartAsync();
        var person = await network[Taiyuan].AddPersonAsync();
        var beijing = network[BeijingCity];
        var emergency = await beijing.OpenVisitAsync(person, MedType.Emergency, [Line("1", ClassA, 3000.00m, 1m)], BeijingHospital);
        var request = beijing.NewSettle(person, emergency, hospital: BeijingHospital);
        var preview = await beijing.Settlement.PreSettleAsync(request);
        network.Dropper.ArmHang();

        // Act: the settle is committed at Taiyuan; its answer stops at the hung province.
        var failure = await RpcAssert.FailsAsync(StatusCode.Unavailable, "OUTCOME_UNKNOWN",
            () => beijing.Settlement.SettleAsync(request, deadline: DateTime.UtcNow.AddSeconds(6)).ResponseAsync);

        // Assert: in time, naming the hop, never claiming nothing was committed; the retry returns the one settlement.
        Assert.Contains("provincial node P-110000 (110000)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("same msgid", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing was committed", failure.Message, StringComparison.Ordinal);
        Assert.True(preview.Split.HifpPay > 0, "the bill must pay something for the check below to mean anything");
        Assert.Equal(preview.Split.HifpPay, (await network[Taiyuan].ReadPersonAsync(person.PsnNo)).Accumulators.BasicPaid.Fen);
        var settled = await beijing.Settlement.SettleAsync(request);
        Assert.Equal(preview.Split, settled.Split);
        Assert.Equal(preview.Split.HifpPay, (await network[Taiyuan].ReadPersonAsync(person.PsnNo)).Accumulators.BasicPaid.Fen);
    }

    [Fact]
    public async Task RegisterFiling_PushFailedThenInsuredCityRestarted_OutboxDeliversItWithoutAnotherFilingCall()
    {
        // Arrange: a Jinzhong resident; the Beijing provincial node, on the route to Beijing, answers at no address.
        await using var network = await TestNetwork.StartAsync();
        var person = await network[Jinzhong].AddPersonAsync();
        var beijingAddresses = network.AddressesOf(Beijing);
        var working = beijingAddresses.ToList();
        beijingAddresses.Clear();
        beijingAddresses.Add($"https://127.0.0.1:{FreePort.Next()}");

        // Act 1: the filing is written at Jinzhong; its push cannot reach Beijing, so it stays in Jinzhong's outbox.
        var filing = await network.FileAsync(person, FilingClass.Referral, "110000", "2026-06-01");
        var owed = await OutboxOf(network[Jinzhong]).ReadOutboxAsync(new ReadOutboxRequest());

        // Act 2: Jinzhong stops with the push still owed; the route comes back; Jinzhong starts again on its store.
        await network[Jinzhong].StopAsync();
        beijingAddresses.Clear();
        foreach (var address in working)
        {
            beijingAddresses.Add(address);
        }

        Assert.Empty(await network[BeijingCity].ReadCachedFilingsAsync(person.InsuplcAdmdvs, person.PsnNo));
        await using var restarted = await network.StartAgainAsync(Jinzhong);

        // Assert: the start-up sweep finds the entry and delivers version 1 to Beijing's city; the outbox is empty.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<Adjudication.Domain.Eligibility.Filing> cached;
        while ((cached = await network[BeijingCity].ReadCachedFilingsAsync(person.InsuplcAdmdvs, person.PsnNo)).Count == 0 && DateTime.UtcNow < deadline)
        {
            // Polling a condition with a deadline: the worker pushes right after its first sweep.
            await Task.Delay(50);
        }

        var after = await OutboxOf(restarted).ReadOutboxAsync(new ReadOutboxRequest());
        Assert.Equal((1L, 1), (owed.Backlog, owed.PendingSlots));
        var delivered = Assert.Single(cached);
        Assert.Equal((filing.FilingId, 1L), (delivered.FilingId, delivered.Version));
        Assert.Equal((0L, 0, 1L), (after.Backlog, after.PendingSlots, after.Applied));
    }

    [Fact]
    public async Task PublishZone_CityUnreachable_ProvinceOutboxDeliversItWithoutPublishingAgain()
    {
        // Arrange: Jinzhong's node answers at no address; a new zone of Shanxi is to be published.
        await using var network = await TestNetwork.StartAsync();
        var jinzhongAddresses = network.AddressesOf(Jinzhong);
        var working = jinzhongAddresses.ToList();
        jinzhongAddresses.Clear();
        jinzhongAddresses.Add($"https://127.0.0.1:{FreePort.Next()}");
        var zone = new Contracts.V1.Policies.IntegrationZone { Name = "大同阳泉", MemberAdmdvs = { "140200", "140300" }, ReductionBp = 200 };
        var request = new Contracts.V1.Policies.PublishZoneRequest { Msgid = network[Shanxi].NextMsgid("A14000000001"), Zone = zone };

        // Act 1: stored at Shanxi and handed to Taiyuan; Jinzhong cannot be reached, so the province's outbox owes it.
        var failure = await RpcAssert.FailsAsync(StatusCode.Unavailable, "HOP_UNAVAILABLE", () => network[Shanxi].Policy.PublishZoneAsync(request).ResponseAsync);
        var owed = await OutboxOf(network[Shanxi]).ReadOutboxAsync(new ReadOutboxRequest());
        var heldAtJinzhongBefore = await ZonesAt(network[Jinzhong]);

        // Act 2: the route comes back; the province applies its outbox (as its worker does on its own within a minute).
        jinzhongAddresses.Clear();
        foreach (var address in working)
        {
            jinzhongAddresses.Add(address);
        }

        var after = await OutboxOf(network[Shanxi]).ReadOutboxAsync(new ReadOutboxRequest { ApplyFirst = true });

        // Assert: the error names Jinzhong and says no second publication is needed; version 1 is now at both cities.
        Assert.Contains("M-140700", failure.Message, StringComparison.Ordinal);
        Assert.Contains("keeps trying", failure.Message, StringComparison.Ordinal);
        Assert.Equal((1L, 1), (owed.Backlog, owed.PendingSlots));
        Assert.DoesNotContain(heldAtJinzhongBefore, z => z.Name == zone.Name);
        Assert.Equal((0L, 0), (after.Backlog, after.PendingSlots));
        foreach (var city in new[] { network[Taiyuan], network[Jinzhong] })
        {
            var held = Assert.Single(await ZonesAt(city), z => z.Name == zone.Name);
            Assert.Equal((1L, 200, "140000"), (held.Version, held.ReductionBp, held.ProvinceAdmdvs));
        }
    }

    [Fact]
    public async Task ProvinceStart_CityWithAnEmptyStore_IsSentTheZonesWithoutPublishingAgain()
    {
        // Arrange: Jinzhong starts again on an empty store, as a city that joins after the zone was published does.
        await using var network = await TestNetwork.StartAsync();
        await network[Jinzhong].StopAsync();
        await network[Jinzhong].EmptyStoreAsync();
        await using var jinzhong = await network.StartAgainAsync(Jinzhong);
        var before = await ZonesAt(jinzhong);

        // Act: Shanxi's node starts again; its start owes every zone to each city, and its outbox is applied.
        await network[Shanxi].StopAsync();
        await using var shanxi = await network.StartAgainAsync(Shanxi);
        var after = await OutboxOf(shanxi).ReadOutboxAsync(new ReadOutboxRequest { ApplyFirst = true });

        // Assert: Jinzhong holds central Shanxi at the version the province published; Taiyuan still holds the same.
        Assert.Empty(before);
        Assert.Equal((0L, 0), (after.Backlog, after.PendingSlots));
        foreach (var city in new[] { network[Taiyuan], jinzhong })
        {
            var held = Assert.Single(await ZonesAt(city));
            Assert.Equal((CentralShanxi.Name, 1L, CentralShanxi.ReductionBp), (held.Name, held.Version, held.ReductionBp));
        }
    }

    private static async Task<IReadOnlyList<Contracts.V1.Policies.IntegrationZone>> ZonesAt(TestNode city) =>
        (await city.Policy.ListZonesAsync(new Contracts.V1.Policies.ListZonesRequest())).Zones;

    private static DiagnosticsService.DiagnosticsServiceClient OutboxOf(TestNode node) =>
        new(node.As(Adjudication.Node.Security.CallerIdentity.Operator("tester")));
}
