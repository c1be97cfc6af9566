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
}
