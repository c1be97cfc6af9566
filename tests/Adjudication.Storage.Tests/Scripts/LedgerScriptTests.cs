using System.Globalization;
using Adjudication.Domain.Persons;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Ledger;
using Adjudication.Storage.Outbox;
using Adjudication.Storage.Tests.Infrastructure;
using StackExchange.Redis;

namespace Adjudication.Storage.Tests.Scripts;

/// <summary>
/// The hospital ledger's way through the outbox against a real store (DESIGN.md §6, §11): the scripts that commit a
/// settlement, its cancel and the treatment city's records write the ledger row in the same slot's outbox, and
/// apply_bookings.lua books each row once, however often it is applied.
/// </summary>
public sealed class LedgerScriptTests : IDisposable
{
    private readonly StoreSet _stores = new();
    private readonly OutboxStore _outbox;
    private readonly LedgerStore _ledger;

    public LedgerScriptTests()
    {
        _outbox = new OutboxStore(TestRedis.Connection, _stores.Options);
        _ledger = new LedgerStore(TestRedis.Connection, _stores.Options);
    }

    [Fact]
    public async Task Settle_VisitTreatedHere_RowInTheOutboxOfThePersonsSlotAndKeptWithTheRecord()
    {
        var (person, row) = await SettledAsync(balanceFen: 5_000);

        var entry = Assert.Single(await _outbox.ReadAsync(Slot(person), 10));
        var stored = await TestRedis.Connection.GetDatabase().HashGetAsync(new Internal.RedisKeys(_stores.Options.KeyPrefix).OutboxAt(Slot(person)), entry.Field);
        Assert.Equal($"ledger:{row.SetlId}:0", entry.Field);
        Assert.Equal($"@ledger {_stores.Options.KeyPrefix}:{{{person.InsuplcAdmdvs}:{person.PsnNo}}}:setl:{row.SetlId}", stored.ToString());
        Assert.Equivalent(row, LedgerBooking.Read(entry), strict: true);
        Assert.Equivalent(row, (await _stores.Settlements.GetSettlementAsync(person.InsuplcAdmdvs, person.PsnNo, row.SetlId))!.Ledger, strict: true);
        Assert.Equal([(Slot(person), 1L)], await _outbox.PendingAsync());
    }

    [Fact]
    public async Task Unsettle_WithReversedRow_RowInTheOutboxOnceAndNotOnReplay()
    {
        var (person, row) = await SettledAsync();
        await _outbox.RemoveAsync(Slot(person), await _outbox.ReadAsync(Slot(person), 10));
        var msgid = _stores.NextMsgid();
        var reversed = row.Reversed(msgid, "2026-06-16 08:00:00");

        await Cancel(person, row, msgid, reversed);
        var first = Assert.Single(await _outbox.ReadAsync(Slot(person), 10));
        await _outbox.RemoveAsync(Slot(person), [first]);
        var (replay, _, _) = await Cancel(person, row, msgid, reversed);

        Assert.Equal($"ledger:{row.SetlId}:1", first.Field);
        Assert.Equal(-row.MedfeeSumamt, LedgerBooking.Read(first).MedfeeSumamt);
        Assert.Equal(UnsettleResult.Replayed, replay);
        Assert.Empty(await _outbox.ReadAsync(Slot(person), 10));
    }

    [Fact]
    public async Task RecordSettled_ThenReopen_RowsInTheOutbox_AndEveryReplyOfReopen()
    {
        // Arrange: a visit of a person insured elsewhere, as the treatment city holds it.
        var person = await _stores.AddPersonAsync();
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        var row = StoreSet.LedgerRowOf(visit, default, "Sremote", "M-settle");
        Assert.Equal(RecordSettledResult.Recorded, await _stores.Visits.RecordSettledAsync(visit.Visit, row.SetlId, row.Msgid, new byte[] { 8, 1 }, LedgerBooking.Entry(row)));
        var settledEntry = Assert.Single(await _outbox.ReadAsync(Slot(person), 10));
        var reversed = LedgerBooking.Entry(row.Reversed("M-cancel", "2026-06-15 11:00:00"));

        // Act
        var reopened = await _stores.Visits.RecordReopenedAsync(person.InsuplcAdmdvs, person.PsnNo, visit.Visit.MdtrtId, row.SetlId, reversed);
        var again = await _stores.Visits.RecordReopenedAsync(person.InsuplcAdmdvs, person.PsnNo, visit.Visit.MdtrtId, row.SetlId, reversed);
        var unknown = await _stores.Visits.RecordReopenedAsync(person.InsuplcAdmdvs, person.PsnNo, visit.Visit.MdtrtId, "Snever", reversed with { Id = "Snever:1" });
        var lateReplay = await _stores.Visits.RecordSettledAsync(visit.Visit, row.SetlId, row.Msgid, new byte[] { 8, 1 }, LedgerBooking.Entry(row));

        // Assert
        Assert.Equal((ReopenResult.Reopened, ReopenResult.AlreadyCancelled, ReopenResult.NoRecord), (reopened, again, unknown));
        Assert.Equal(RecordSettledResult.AlreadyRecorded, lateReplay);
        Assert.Equal(new[] { settledEntry.Field, reversed.Field }.Order(), (await _outbox.ReadAsync(Slot(person), 10)).Select(e => e.Field).Order());
        var held = (await _stores.Visits.GetAsync(person.InsuplcAdmdvs, person.PsnNo, visit.Visit.MdtrtId))!;
        Assert.Equal(Domain.Visits.VisitStatus.Open, held.Status);
    }

    [Fact]
    public async Task Apply_SameRowsTwice_BookedOnce_TotalsAreTheSignedSumsToTheFen()
    {
        var settled = Row("S1", refunded: false, medfee: 12_345, fund: 8_000, acct: 1_000, cash: 3_345, (310100, 7_000), (320100, 1_000));
        var other = Row("S2", refunded: false, medfee: 500, fund: 0, acct: 0, cash: 500);
        var cancel = settled.Reversed("M-cancel", "2026-06-15 17:30:00");

        var first = await _ledger.ApplyAsync([settled, other, cancel]);
        var again = await _ledger.ApplyAsync([cancel, settled]);

        Assert.Equal((3, 0), (first, again));
        var day = new DateOnly(2026, 6, 15);
        var totals = await _ledger.TotalsAsync(StoreSet.Hospital, day, day);
        var forward = Assert.Single(totals, t => !t.Refunded);
        var refunds = Assert.Single(totals, t => t.Refunded);
        Assert.Equal((2L, 12_845L, 8_000L, 1_000L, 3_845L), (forward.Sums.Count, forward.Sums.MedfeeSumamt, forward.Sums.FundPaySumamt, forward.Sums.AcctPay, forward.Sums.PsnCashPay));
        Assert.Equal((1L, -12_345L, -8_000L, -1_000L, -3_345L), (refunds.Sums.Count, refunds.Sums.MedfeeSumamt, refunds.Sums.FundPaySumamt, refunds.Sums.AcctPay, refunds.Sums.PsnCashPay));
        Assert.Equal(new Dictionary<int, long> { [310100] = 7_000, [320100] = 1_000 }, forward.Sums.Funds);
        Assert.Equal(new Dictionary<int, long> { [310100] = -7_000, [320100] = -1_000 }, refunds.Sums.Funds);
        Assert.Equal((310, "11"), (forward.Insutype, forward.ClrType));
        Assert.Equal(["S1:0", "S1:1", "S2:0"], (await _ledger.RowsAsync(StoreSet.Hospital, day, day)).Select(r => r.Id).ToArray());
    }

    [Fact]
    public async Task Apply_RowsOfTwoDays_EachBookedUnderItsOwnDay()
    {
        await _ledger.ApplyAsync([Row("S1", false, 100, 60, 0, 40), Row("S2", false, 200, 100, 0, 100) with { SetlTime = "2026-06-16 00:00:01" }]);

        var totals = await _ledger.TotalsAsync(StoreSet.Hospital, new DateOnly(2026, 6, 14), new DateOnly(2026, 6, 16));

        Assert.Equal([(new DateOnly(2026, 6, 15), 100L), (new DateOnly(2026, 6, 16), 200L)], totals.Select(t => (t.Day, t.Sums.MedfeeSumamt)));
    }

    [Fact]
    public async Task RecordSettled_OpenVisit_VersionGoesUpByOne()
    {
        var person = await _stores.AddPersonAsync();
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        var row = StoreSet.LedgerRowOf(visit, default, "Sversion", "M-settle");
        var before = (await _stores.Visits.GetAsync(person.InsuplcAdmdvs, person.PsnNo, visit.Visit.MdtrtId))!.Version;

        await _stores.Visits.RecordSettledAsync(visit.Visit, row.SetlId, row.Msgid, new byte[] { 8, 1 }, LedgerBooking.Entry(row));

        var after = (await _stores.Visits.GetAsync(person.InsuplcAdmdvs, person.PsnNo, visit.Visit.MdtrtId))!.Version;
        Assert.NotEqual("0", before);
        Assert.Equal(long.Parse(before, CultureInfo.InvariantCulture) + 1, long.Parse(after, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Outbox_PendingReadRemove_EmptyAfterRemovingWhatWasRead()
    {
        var (person, _) = await SettledAsync();
        var slot = Slot(person);

        var entries = await _outbox.ReadAsync(slot, 10);
        await _outbox.RemoveAsync(slot, entries);

        Assert.Single(entries);
        Assert.Empty(await _outbox.PendingAsync());
    }

    [Fact]
    public async Task Outbox_Forget_NextReadOnTheConnectionFindsNothing()
    {
        var (person, _) = await SettledAsync();
        var slot = Slot(person);
        var entries = await _outbox.ReadAsync(slot, 10);

        _outbox.Forget(slot, entries);

        Assert.Single(entries);
        Assert.Empty(await _outbox.ReadAsync(slot, 10));
        Assert.Empty(await _outbox.PendingAsync());
    }

    [Fact]
    public async Task Outbox_ReferenceToAFieldThatHoldsNothing_ReadSaysWhich()
    {
        var (person, row) = await SettledAsync();
        var keys = new Internal.RedisKeys(_stores.Options.KeyPrefix);
        await TestRedis.Connection.GetDatabase().HashDeleteAsync(keys.Settlement(person.InsuplcAdmdvs, person.PsnNo, row.SetlId), "ledger");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _outbox.ReadAsync(Slot(person), 10));

        Assert.Contains($"outbox entry 'ledger:{row.SetlId}:0' refers to '@ledger ", error.Message);
        Assert.Contains("which holds nothing", error.Message);
    }

    [Fact]
    public async Task Outbox_UnreadableEntriesBesideAGoodOne_GoodOneReadAndEachOtherReportedAndKept()
    {
        // Arrange: the person's slot holds a settlement's good entry and, beside it, a reference to a field that holds
        // nothing, a payload that looks like a reference and is not one, and a field that names no kind.
        var (person, row) = await SettledAsync();
        var keys = new Internal.RedisKeys(_stores.Options.KeyPrefix);
        var outboxKey = keys.OutboxAt(Slot(person));
        var recordKey = keys.Settlement(person.InsuplcAdmdvs, person.PsnNo, row.SetlId);
        await TestRedis.Connection.GetDatabase().HashSetAsync(outboxKey, [
            new("ledger:S-GONE:0", $"@nothing {recordKey}"),
            new("ledger:S-BENT:0", "@ledger"),
            new("nokind", "x"),
        ]);
        var unreadable = new List<UnreadableOutboxEntry>();

        // Act
        var entries = await _outbox.ReadAsync(Slot(person), 10, unreadable);

        // Assert: the good entry is read whole; each bad one is named with its problem, and all four stay in the store.
        var entry = Assert.Single(entries);
        Assert.Equivalent(row, LedgerBooking.Read(entry), strict: true);
        Assert.Equal(["ledger:S-BENT:0", "ledger:S-GONE:0", "nokind"], unreadable.Select(u => u.Field).Order(StringComparer.Ordinal));
        Assert.Equal("outbox entry 'ledger:S-BENT:0' holds '@ledger', which is not a reference '@field key'", unreadable.Single(u => u.Field == "ledger:S-BENT:0").Problem);
        Assert.Contains("which holds nothing", unreadable.Single(u => u.Field == "ledger:S-GONE:0").Problem, StringComparison.Ordinal);
        Assert.Equal("outbox field 'nokind' names no kind", unreadable.Single(u => u.Field == "nokind").Problem);
        Assert.Equal([(Slot(person), 4L)], await _outbox.PendingAsync());
    }

    [Fact]
    public async Task Outbox_MoreUnreadableEntriesThanOneRead_TheGoodOneStillRead()
    {
        // Arrange: a thousand entries that refer to nothing beside the settlement's good one; a read takes 256.
        var (person, row) = await SettledAsync();
        var outboxKey = new Internal.RedisKeys(_stores.Options.KeyPrefix).OutboxAt(Slot(person));
        await TestRedis.Connection.GetDatabase().HashSetAsync(outboxKey, [.. Enumerable.Range(0, 1000).Select(i => new HashEntry($"ledger:S-GONE-{i}:0", "@ledger nowhere"))]);
        var unreadable = new List<UnreadableOutboxEntry>();

        // Act
        var entries = await _outbox.ReadAsync(Slot(person), 256, unreadable);

        // Assert: the unreadable ones do not count towards the 256, so the read goes on until it has found the good one.
        Assert.Equal($"ledger:{row.SetlId}:0", Assert.Single(entries).Field);
        Assert.Equal(1000, unreadable.Count);
    }

    private async Task<(PersonProfile Person, LedgerRow Row)> SettledAsync(long balanceFen = 0)
    {
        var person = await _stores.AddPersonAsync(balanceFen);
        var visit = await _stores.OpenVisitAsync(person, 10_000);
        var (snapshot, commit) = await _stores.ComputeAsync(person, visit, Policies.Outpatient(), _stores.NextMsgid());
        Assert.Equal(SettleResult.Committed, (await _stores.Settlements.CommitAsync(snapshot, visit, commit)).Result);
        return (person, LedgerBooking.Read(commit.Booking!));
    }

    private Task<(UnsettleResult Result, Domain.Units.Money BalanceAfter, string SetlId)> Cancel(PersonProfile person, LedgerRow row, string msgid, LedgerRow reversed) =>
        _stores.Settlements.UnsettleAsync(person.InsuplcAdmdvs, person.PsnNo, msgid, StoreSet.DigestOf("cancel " + row.SetlId), row.SetlId, row.MdtrtId, reverseOf: null, LedgerBooking.Entry(reversed));

    private int Slot(PersonProfile person) => _outbox.SlotOfPerson(person.InsuplcAdmdvs, person.PsnNo);

    private static LedgerRow Row(string setlId, bool refunded, long medfee, long fund, long acct, long cash, params (int Type, long Fen)[] funds) => new(
        setlId, "M" + setlId, "P1", StoreSet.City, StoreSet.Hospital, "msg-" + setlId, "2026-06-15 10:00:00", 310, "11", refunded,
        medfee, fund, acct, cash, [.. funds.Select(f => new FundAmount(f.Type, f.Fen))]);

    public void Dispose() => _stores.Dispose();
}
