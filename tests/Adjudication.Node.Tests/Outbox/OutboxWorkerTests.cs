using System.Diagnostics;
using Adjudication.Contracts.V1;
using Adjudication.Node.Tests.Settlement;
using Adjudication.Storage.Ledger;
using Adjudication.Storage.Tests.Infrastructure;
using StackExchange.Redis;

namespace Adjudication.Node.Tests.Outbox;

/// <summary>
/// The outbox worker over a real store (DESIGN.md §6): a settlement hands its ledger row over at commit, the worker books
/// it from memory and deletes it from the slot's outbox; the same row also read from the store is booked once.
/// </summary>
public sealed class OutboxWorkerTests : IAsyncLifetime, IDisposable
{
    private static readonly DateOnly Day = new(2026, 6, 15);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly DeskSet _desks = new();

    public async Task InitializeAsync()
    {
        await _desks.Policies.PutAsync(DeskPolicies.Employee());
        await _desks.Zones.CacheAsync(DeskPolicies.Zone);
    }

    public Task DisposeAsync() => _desks.Outbox.StopAsync(CancellationToken.None);

    [Fact]
    public async Task Committed_WorkerRunning_RowsBookedFromMemoryAndOutboxEmptied()
    {
        await _desks.Outbox.StartAsync(CancellationToken.None);
        var settled = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var person = await _desks.AddPersonAsync();
            var mdtrtId = await _desks.OpenVisitAsync(person, inScopeFen: 100_000 + i);
            settled.Add((await _desks.Desk.SettleAsync(_desks.Settle(person, mdtrtId), commit: true, context: null)).Split.MedfeeSumamt);
        }

        // Nothing here reads the outbox or flushes it: only the running worker can book the rows and delete the entries.
        // Its first sweep may read an entry it was also handed; the ledger still counts each row once.
        var sums = await UntilAsync(async () => Sum(await _desks.Ledger.TotalsAsync(DeskSet.Hospital, Day, Day)), s => s.Count == 3);
        var (entries, slots) = await UntilAsync(() => _desks.Outbox.SweepAsync(), left => left.Entries == 0);

        Assert.Equal(3, sums.Count);
        Assert.Equal(300_003, sums.MedfeeSumamt);
        Assert.Equal(settled.Sum(), sums.MedfeeSumamt);
        Assert.Equal((0, 0), (entries, slots));
    }

    [Fact]
    public async Task Committed_AlsoReadFromStoreBeforeWorkerStarts_BookedOnce()
    {
        var person = await _desks.AddPersonAsync();
        var mdtrtId = await _desks.OpenVisitAsync(person, inScopeFen: 250_000);
        await _desks.Desk.SettleAsync(_desks.Settle(person, mdtrtId), commit: true, context: null);

        // The flush reads the slot, books the row and deletes it; the worker then books the handed-over copy again.
        await _desks.Outbox.FlushAsync();
        await _desks.Outbox.StartAsync(CancellationToken.None);
        await UntilAsync(() => Task.FromResult(_desks.Outbox.Applied), applied => applied == 2);
        var (entries, _) = await _desks.Outbox.ApplyAllAsync();
        var sums = Sum(await _desks.Ledger.TotalsAsync(DeskSet.Hospital, Day, Day));

        Assert.Equal(0, entries);
        Assert.Equal(1, sums.Count);
        Assert.Equal(250_000, sums.MedfeeSumamt);
    }

    [Fact]
    public async Task Flush_OneRowGoneAndOneUnparsable_TheOthersBookedAndTheTwoKept()
    {
        // Arrange: four settlements; the row the second's entry refers to is removed (the entry cannot be read) and the
        // third's is overwritten with what no ledger row is (the booking cannot parse it).
        var settled = new List<SettleResponse>();
        for (var i = 0; i < 4; i++)
        {
            var person = await _desks.AddPersonAsync();
            var mdtrtId = await _desks.OpenVisitAsync(person, inScopeFen: 100_000 * (i + 1));
            settled.Add(await _desks.Desk.SettleAsync(_desks.Settle(person, mdtrtId), commit: true, context: null));
        }

        var db = TestRedis.Connection.GetDatabase();
        await db.HashDeleteAsync(await RecordKeyAsync(settled[1].SetlId), "ledger");
        await db.HashSetAsync(await RecordKeyAsync(settled[2].SetlId), "ledger", "not a ledger row");

        // Act
        await _desks.Outbox.FlushAsync();
        var (entries, slots) = await _desks.Outbox.ApplyAllAsync();
        var sums = Sum(await _desks.Ledger.TotalsAsync(DeskSet.Hospital, Day, Day));

        // Assert: the first and the fourth are booked; the two bad entries hold back nothing and stay in the outbox.
        Assert.Equal(2, sums.Count);
        Assert.Equal(500_000, sums.MedfeeSumamt);
        Assert.Equal(settled[0].Split.MedfeeSumamt + settled[3].Split.MedfeeSumamt, sums.MedfeeSumamt);
        Assert.Equal((2, 2), (entries, slots));
    }

    public void Dispose() => _desks.Dispose();

    // A settlement record's key, found by its setl_id among the keys of this test's prefix.
    private async Task<RedisKey> RecordKeyAsync(string setlId)
    {
        var server = TestRedis.Connection.GetServers()[0];
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: $"{_desks.KeyPrefix}:*:setl:{setlId}"))
        {
            keys.Add(key);
        }

        return Assert.Single(keys);
    }

    private static LedgerSums Sum(IReadOnlyList<LedgerTotal> totals)
    {
        var sum = LedgerSums.Zero;
        foreach (var total in totals)
        {
            sum = sum.Plus(total.Sums);
        }

        return sum;
    }

    // Reads until the condition holds: the worker runs on its own, so the test waits for what it did, bounded.
    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> holds)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (holds(value) || clock.Elapsed > Patience)
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20)); // a poll interval, not a guess at how long the worker takes
        }
    }
}
