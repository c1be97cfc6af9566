using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests;

/// <summary>
/// "Yearly" is the calendar year of the settlement time in China Standard Time, from the node's clock (DESIGN.md §4.2
/// step 8), and a cancel restores the year its settlement counted in. Its own node, because it moves the clock.
/// </summary>
public sealed class YearBoundaryTests : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 12, 31, 23, 30, 0, China));
    private TestNode? _node;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(SharedRedis.Configuration, _clock);
        await SeedAsync(_node);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Settle_AcrossNewYearInChinaTime_NewYearStartsFreshAndCancelRestoresTheOldYear()
    {
        var node = _node!;

        // Arrange: two outpatient visits of 300.00 class A each, for one employee.
        var person = await node.AddPersonAsync();
        var december = await node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);
        var january = await node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);

        // Act 1: 2026-12-31 23:30 China time. dedc 20,000 (the yearly deductible); eligible 10,000; hifp 5,500.
        var first = await node.Settlement.SettleAsync(node.NewSettle(person, december));

        // Act 2: 2027-01-01 00:10 China time, which is still 2026-12-31 16:10 in UTC: a new year for the person.
        _clock.Set(new DateTimeOffset(2027, 1, 1, 0, 10, 0, China));
        var second = await node.Settlement.SettleAsync(node.NewSettle(person, january));

        // Assert: the 2027 settlement pays the full deductible again: dedc 20,000; hifp 5,500.
        Assert.Equal("2026-12-31 23:30:00", first.SetlTime);
        Assert.Equal("2027-01-01 00:10:00", second.SetlTime);
        Assert.Equal(20_000, first.Split.ActPayDedc);
        Assert.Equal(20_000, second.Split.ActPayDedc);
        Assert.Equal(5_500, second.Split.HifpPay);
        var in2027 = await node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(2027, in2027.Year);
        Assert.Equal(20_000, in2027.Accumulators.DeductibleUsed.Fen);
        Assert.Equal(5_500, in2027.Accumulators.BasicPaid.Fen);

        // Act 3: in January, cancel the December settlement.
        await node.Settlement.CancelSettlementAsync(new CancelSettlementRequest
        {
            Msgid = node.NextMsgid(),
            FixmedinsCode = Hospital,
            PsnNo = person.PsnNo,
            InsuplcAdmdvs = City,
            MdtrtId = december,
            SetlId = first.SetlId,
        });

        // Assert: 2026 is back to zero, 2027 is untouched.
        var year2026 = await node.ReadPersonAsync(person.PsnNo, new FixedClock(new DateTimeOffset(2026, 12, 31, 12, 0, 0, China)));
        Assert.Equal(2026, year2026.Year);
        Assert.Equal(Adjudication.Domain.Settlement.YearAccumulators.Empty, year2026.Accumulators);
        var still2027 = await node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(in2027.Accumulators, still2027.Accumulators);
    }
}
