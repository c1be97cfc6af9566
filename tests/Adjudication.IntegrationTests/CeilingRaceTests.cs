using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests;

/// <summary>
/// "No layer pays more than its yearly cap even when many settlements for one person race" (DESIGN.md §4 invariants).
/// Its own node, because the ceiling is policy data of the whole city.
/// </summary>
public sealed class CeilingRaceTests : IAsyncLifetime
{
    // A basic ceiling of 1,000.00 yuan.
    private const long CeilingFen = 100_000;
    private const int Visits = 50;
    private TestNode? _node;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(SharedRedis.Configuration);
        await SeedAsync(_node, employeeCeilingFen: CeilingFen);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Settle_FiftyConcurrentForOnePerson_BasicFundPaysExactlyTheRemainingCeiling()
    {
        var node = _node!;

        // Arrange: an employee who already used part of the ceiling: 500.00 class A outpatient →
        // dedc 20,000 (the whole yearly deductible); eligible 30,000; hifp = round(30,000 × 55%) = 16,500.
        // Remaining ceiling = 100,000 − 16,500 = 83,500.
        var person = await node.AddPersonAsync();
        var warmUp = await node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 500.00m, 1m)]);
        var first = await node.Settlement.SettleAsync(node.NewSettle(person, warmUp));
        Assert.Equal(16_500, first.Split.HifpPay);
        const long remaining = CeilingFen - 16_500;

        // Fifty visits of 100.00 class A each: eligible 10,000 each (no deductible left), uncapped hifp 5,500 each,
        // 275,000 in all, far above what remains.
        var visits = new List<string>(Visits);
        for (var i = 0; i < Visits; i++)
        {
            visits.Add(await node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 100.00m, 1m)]));
        }

        // Act: all fifty settle at once.
        var responses = await Task.WhenAll(visits.Select(v => node.Settlement.SettleAsync(node.NewSettle(person, v)).ResponseAsync));

        // Assert: whatever the order, the fund pays exactly the remaining ceiling, 83,500 = 15 × 5,500 + 1,000:
        // fifteen settlements are paid in full, one gets the last 1,000, thirty-four get nothing.
        var paid = responses.Select(r => r.Split.HifpPay).ToList();
        Assert.Equal(remaining, paid.Sum());
        Assert.Equal(15, paid.Count(p => p == 5_500));
        Assert.Equal(1, paid.Count(p => p == 1_000));
        Assert.Equal(34, paid.Count(p => p == 0));
        Assert.Equal(Visits, responses.Select(r => r.SetlId).Distinct().Count());
        Assert.All(responses, r =>
        {
            SplitAssert.Identities(r.Split);
            Assert.Equal(10_000, r.Split.MedfeeSumamt);
            Assert.Equal(0, r.Split.ActPayDedc);
            Assert.Equal(10_000 - r.Split.HifpPay, r.Split.PsnCashPay);
        });

        // The stored accumulator equals the warm-up plus that sum: exactly the ceiling, never more.
        // eligible = 30,000 + 50 × 10,000 = 530,000; burden = (50,000 − 16,500) + (500,000 − 83,500) = 450,000.
        var state = await node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(CeilingFen, state.Accumulators.BasicPaid.Fen);
        Assert.Equal(16_500 + paid.Sum(), state.Accumulators.BasicPaid.Fen);
        Assert.Equal(530_000, state.Accumulators.EligibleCumulative.Fen);
        Assert.Equal(450_000, state.Accumulators.BurdenCumulative.Fen);
        Assert.Equal(20_000, state.Accumulators.DeductibleUsed.Fen);

        // One more visit finds the ceiling used up.
        var late = await node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 100.00m, 1m)]);
        Assert.Equal(0, (await node.Settlement.SettleAsync(node.NewSettle(person, late))).Split.HifpPay);
    }
}
