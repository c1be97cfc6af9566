using Adjudication.Storage.Contract;
using Adjudication.Storage.Prepayment;
using Adjudication.Storage.Tests.Infrastructure;

namespace Adjudication.Storage.Tests.Scripts;

/// <summary>
/// The prepayment scripts against a real store (DESIGN.md §11): prepayment_book.lua counts each row once, in order,
/// and records the row that crossed 70% and 90%; prepayment_fund.lua moves deposits, top-ups and repayments once per msgid.
/// </summary>
public sealed class PrepaymentScriptTests : IDisposable
{
    private const string Province = "140000";
    private readonly StoreSet _stores = new();
    private readonly PrepaymentStore _prepayment;

    public PrepaymentScriptTests() => _prepayment = new PrepaymentStore(TestRedis.Connection, _stores.Options);

    [Fact]
    public async Task Book_RowsCrossing70And90_EachCrossingNamedOnceAndRowsCountedOnce()
    {
        // Arrange: 1,000 fen of prepayment.
        await Fund("deposit", "D1", 1_000);

        // Act: 600 (60%), 100 (70%: yellow), 150 (85%), 50 (90%: red), and the first again.
        var (booked, changes) = await _prepayment.BookAsync(Province, [("S1:0", 600, "S1"), ("S2:0", 100, "S2"), ("S3:0", 150, "S3"), ("S4:0", 50, "S4")], "2026-07-15 10:00:00");
        var again = await _prepayment.BookAsync(Province, [("S1:0", 600, "S1")], "2026-07-15 10:00:01");

        // Assert
        Assert.Equal((4, 2), (booked, changes));
        Assert.Equal((0, 0), again);
        var state = await _prepayment.StateAsync(Province);
        Assert.Equal(new PrepaymentState(Province, 1_000, 900, 0, PrepaymentLevel.Red, 286), state);
        Assert.Equal(9_000, state.UsageBp);
        var events = await _prepayment.EventsAsync(Province);
        Assert.Equal(
            [
                new PrepaymentEvent(PrepaymentLevel.Yellow, "settlement", "S2", 700, 1_000, "2026-07-15 10:00:00", 0),
                new PrepaymentEvent(PrepaymentLevel.Red, "settlement", "S4", 900, 1_000, "2026-07-15 10:00:00", 286),
            ],
            events);
        Assert.Equal([7_000L, 9_000L], events.Select(e => e.UsageBp));
    }

    [Fact]
    public async Task Fund_EveryReply_TopUpClearsRedAndRepaymentLowersUsage()
    {
        // Arrange: red at 900 of 1,000.
        await Fund("deposit", "D1", 1_000);
        await _prepayment.BookAsync(Province, [("S1:0", 900, "S1")], "2026-07-15 10:00:00");

        // Act
        var topUp = await Fund("topup", "T1", 286);
        var replay = await Fund("topup", "T1", 286);
        var conflict = await Fund("topup", "T1", 5);
        var repaid = await Fund("repay", "R1", 900);

        // Assert: 900 of 1,286 is 6,998 bp, green; the repayment leaves nothing outstanding.
        Assert.Equal((PrepaymentFundResult.Moved, PrepaymentLevel.Green), topUp);
        Assert.Equal((PrepaymentFundResult.Replayed, PrepaymentLevel.Green), replay);
        Assert.Equal(PrepaymentFundResult.MsgidConflict, conflict.Result);
        Assert.Equal(PrepaymentFundResult.Moved, repaid.Result);
        Assert.Equal(new PrepaymentState(Province, 1_286, 900, 900, PrepaymentLevel.Green, 0), await _prepayment.StateAsync(Province));
        var events = await _prepayment.EventsAsync(Province);
        Assert.Equal(new PrepaymentEvent(PrepaymentLevel.Green, "topup", "T1", 900, 1_286, "2026-07-16 09:00:00", 0), events[^1]);
        Assert.Equal(6_998, events[^1].UsageBp);
        Assert.Equal(-1, PrepaymentFigures.UsageBp(5, 0));
    }

    private Task<(PrepaymentFundResult Result, PrepaymentLevel Level)> Fund(string kind, string msgid, long amount) =>
        _prepayment.FundAsync(Province, kind, msgid, StoreSet.DigestOf(kind + msgid + amount), amount, "2026-07-16 09:00:00");

    public void Dispose() => _stores.Dispose();
}
