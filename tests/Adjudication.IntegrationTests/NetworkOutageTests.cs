using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests;

/// <summary>
/// A hop that is down (DESIGN.md §3): a standby address takes over, and a node with no address left answers
/// UNAVAILABLE naming the hop well within the caller's deadline. Each test stops nodes, so each starts its own network.
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
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var failure = await RpcAssert.FailsAsync(StatusCode.Unavailable, "HOP_UNAVAILABLE",
            () => beijing.Settlement.SettleAsync(beijing.NewSettle(person, emergency, hospital: BeijingHospital), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        // Assert: the message names the hop and its address, and says what to do; nothing was committed.
        Assert.Contains("provincial node P-110000 (110000)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("retry with the same msgid", failure.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"answered after {watch.Elapsed}, not within the 10 s deadline");
        Assert.Equal(0, (await network[Taiyuan].ReadPersonAsync(person.PsnNo)).Accumulators.BasicPaid.Fen);
    }
}
