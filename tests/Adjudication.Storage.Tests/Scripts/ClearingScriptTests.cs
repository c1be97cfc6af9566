using Adjudication.Storage.Clearing;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Internal;
using Adjudication.Storage.Ledger;
using Adjudication.Storage.Outbox;
using Adjudication.Storage.Tests.Infrastructure;

namespace Adjudication.Storage.Tests.Scripts;

/// <summary>
/// Clearing's scripts against a real store (DESIGN.md §6, §11): the insured city's record written by settle.lua for a
/// visit treated elsewhere, apply_bookings.lua with an outbox (the row's next hop, written once, in the aggregate's
/// slot), and every reply of clearing_status.lua.
/// </summary>
public sealed class ClearingScriptTests : IDisposable
{
    private static readonly ClearingPair Pair = new("202607", "110100", "140100");
    private readonly StoreSet _stores = new();
    private readonly OutboxStore _outbox;
    private readonly ClearingStore _clearing;

    public ClearingScriptTests()
    {
        _outbox = new OutboxStore(TestRedis.Connection, _stores.Options);
        _clearing = new ClearingStore(TestRedis.Connection, _stores.Options);
    }

    [Fact]
    public async Task Settle_VisitTreatedElsewhere_InsuredRecordInTheOutboxAndKeptWithTheRecord_CancelPutsItsReversal()
    {
        // Arrange: a visit of a person insured here, treated in Beijing and summarized by it.
        var person = await _stores.AddPersonAsync();
        var totals = (await _stores.OpenVisitAsync(person, 10_000)).Totals;
        var visit = VisitSnapshot.Remote(_stores.NewVisit(person), totals);
        var (snapshot, commit) = await _stores.ComputeAsync(person, visit, Policies.Outpatient(), _stores.NextMsgid());
        var slot = _outbox.SlotOfPerson(person.InsuplcAdmdvs, person.PsnNo);

        // Act
        var (result, _, _) = await _stores.Settlements.CommitAsync(snapshot, visit, commit);
        var settled = Assert.Single(await _outbox.ReadAsync(slot, 10));
        await _outbox.RemoveAsync(slot, [settled]);
        var record = (await _stores.Settlements.GetSettlementAsync(person.InsuplcAdmdvs, person.PsnNo, commit.SetlId))!;
        var reversed = ClearingFeed.Entry(ClearingFeed.InsuredKind, record.Clearing! with { Row = record.Clearing.Row.Reversed("M-cancel", "2026-07-16 08:00:00") });
        await _stores.Settlements.UnsettleAsync(person.InsuplcAdmdvs, person.PsnNo, _stores.NextMsgid(), StoreSet.DigestOf("cancel"), commit.SetlId, visit.Visit.MdtrtId, null, reversed);

        // Assert
        Assert.Equal(SettleResult.Committed, result);
        Assert.Equal($"clearing-insured:{commit.SetlId}:0", settled.Field);
        var row = ClearingFeed.Read(settled);
        Assert.Equal((StoreSet.TreatmentCity, commit.SetlId, "202606"), (row.MdtrtareaAdmvs, row.Row.SetlId, row.Month));
        Assert.Null(record.Ledger);
        Assert.Equivalent(row, record.Clearing, strict: true);
        var undo = Assert.Single(await _outbox.ReadAsync(slot, 10));
        Assert.Equal($"clearing-insured:{commit.SetlId}:1", undo.Field);
        Assert.Equal(-row.Row.MedfeeSumamt, ClearingFeed.Read(undo).Row.MedfeeSumamt);
    }

    [Fact]
    public async Task Book_WithNextHops_NewRowsLeaveTheirEntryOnceInTheAggregatesSlot()
    {
        // Arrange: two settlements and a reversal; the second's booking carries no next hop.
        var a = Row("S1", 10_000, 6_000, 1_000, (390100, 6_000));
        var b = Row("S2", 5_000, 2_000, 0, (390100, 1_500), (390200, 500));
        var undo = a with { Row = a.Row.Reversed("M-undo", "2026-07-20 09:00:00") };
        ClearingBooking[] bookings = [Booking(a, next: true), Booking(b, next: false), Booking(undo, next: true)];

        // Act
        var first = await _clearing.BookAsync(bookings);
        var again = await _clearing.BookAsync(bookings);

        // Assert: three rows booked once; two entries, in the one slot of the aggregate, handed back as written; the
        // totals to the fen.
        Assert.Equal(3, first.Applied);
        Assert.Equal(0, again.Applied);
        var slot = Assert.Single(first.Written.Select(w => w.Slot).Distinct());
        Assert.Equal(["clearing-up:S1:0", "clearing-up:S1:1"], first.Written.Select(w => w.Entry.Field).Order(StringComparer.Ordinal));
        Assert.Empty(first.SlotsToRead);
        Assert.Equal((0, 0), (again.Written.Count, again.SlotsToRead.Count));
        Assert.Equal(["clearing-up:S1:0", "clearing-up:S1:1"], (await _outbox.ReadAsync(slot, 10)).Select(e => e.Field).Order(StringComparer.Ordinal));
        var totals = await _clearing.TotalsAsync(Pair);
        Assert.Equal((2L, 1L), (totals.Settled.Count, totals.Reversed.Count));
        Assert.Equal((5_000L, 2_000L, 0L, 2_000L), (totals.Net.MedfeeSumamt, totals.Net.FundPaySumamt, totals.Net.AcctPay, totals.Advanced));
        Assert.Equal(new Dictionary<int, long> { [390100] = 1_500, [390200] = 500 }, totals.Net.Funds);
        Assert.Equal(["S1:0", "S1:1", "S2:0"], (await _clearing.RowsAsync(Pair)).Select(r => r.Id));
        var keys = TestRedis.Connection.GetServers()[0].Keys(pattern: _stores.Options.KeyPrefix + ":clearing:*").Select(k => HashSlots.Of(k.ToString())).Distinct();
        Assert.Equal([slot], keys);

        // Act and assert: a call where some rows were held already names the slot to read instead of its entries.
        var mixed = await _clearing.BookAsync([Booking(Row("S3", 800, 500, 0, (390100, 500)), next: true), Booking(a, next: true)]);
        Assert.Equal((1, 0, slot), (mixed.Applied, mixed.Written.Count, Assert.Single(mixed.SlotsToRead)));
        Assert.Equal(["clearing-up:S1:0", "clearing-up:S1:1", "clearing-up:S3:0"], (await _outbox.ReadAsync(slot, 10)).Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Settle_VisitTreatedElsewhereWithoutClearingFeed_CommitsWithNoOutboxEntryAndNoRecordCopy()
    {
        // Arrange: as above, on a node that feeds no clearing (Node:ClearingFeed false): the commit carries no booking.
        var person = await _stores.AddPersonAsync();
        var totals = (await _stores.OpenVisitAsync(person, 10_000)).Totals;
        var visit = VisitSnapshot.Remote(_stores.NewVisit(person), totals);
        var (snapshot, commit) = await _stores.ComputeAsync(person, visit, Policies.Outpatient(), _stores.NextMsgid());

        // Act
        var (result, _, _) = await _stores.Settlements.CommitAsync(snapshot, visit, commit with { Booking = null });

        // Assert: settled, the outbox of the person's slot empty, the record without a clearing copy.
        Assert.Equal(SettleResult.Committed, result);
        Assert.Empty(await _outbox.ReadAsync(_outbox.SlotOfPerson(person.InsuplcAdmdvs, person.PsnNo), 10));
        var record = (await _stores.Settlements.GetSettlementAsync(person.InsuplcAdmdvs, person.PsnNo, commit.SetlId))!;
        Assert.Equal((false, (ClearingRow?)null, (LedgerRow?)null), (record.Cancelled, record.Clearing, record.Ledger));
    }

    [Fact]
    public async Task BookInsured_RowsOfTwoTreatmentCities_EachUnderItsOwnPairOnce()
    {
        var beijing = Row("S1", 1_000, 600, 0);
        var jinzhong = Row("S2", 2_000, 900, 100) with { MdtrtareaAdmvs = "140700" };

        var first = await _clearing.BookInsuredAsync([beijing, jinzhong]);
        var again = await _clearing.BookInsuredAsync([jinzhong]);

        Assert.Equal((2, 0), (first, again));
        Assert.Equal(["S1:0"], (await _clearing.RowsAsync(Pair, insuredSide: true)).Select(r => r.Id));
        Assert.Equal(1_000, (await _clearing.TotalsAsync(Pair with { Treatment = "140700" }, insuredSide: true)).Advanced);
        Assert.True((await _clearing.TotalsAsync(Pair)).IsEmpty);
    }

    [Fact]
    public async Task Step_EveryReplyOfClearingStatus_DeclaredConfirmedPaidInOrderAndFrozenAtDeclaring()
    {
        // Arrange
        var digest = StoreSet.DigestOf("declare");

        // Act / Assert: nothing booked, nothing to declare.
        Assert.Equal((ClearingStatusResult.NothingToDeclare, string.Empty), await Step("declare", "M1", digest));
        await _clearing.BookAsync([Booking(Row("S1", 1_000, 700, 100), next: false)]);
        Assert.Equal((ClearingStatusResult.WrongStatus, string.Empty), await Step("confirm", "M2", digest));
        Assert.Equal((ClearingStatusResult.Moved, "declared"), await Step("declare", "M1", digest));
        Assert.Equal((ClearingStatusResult.Replayed, "declared"), await Step("declare", "M1", digest));
        Assert.Equal((ClearingStatusResult.MsgidConflict, string.Empty), await Step("declare", "M1", StoreSet.DigestOf("other")));
        Assert.Equal((ClearingStatusResult.AlreadyDeclared, "declared"), await Step("declare", "M3", digest));
        Assert.Equal((ClearingStatusResult.WrongStatus, "declared"), await Step("pay", "M4", digest));
        await _clearing.BookAsync([Booking(Row("S9", 5_000, 5_000, 0), next: false)]);
        Assert.Equal((ClearingStatusResult.Moved, "confirmed"), await Step("confirm", "M5", digest));
        Assert.Equal((ClearingStatusResult.Moved, "paid"), await Step("pay", "M6", digest));
        Assert.Equal((ClearingStatusResult.Replayed, "confirmed"), await Step("confirm", "M5", digest));
        Assert.Equal((ClearingStatusResult.WrongStatus, "paid"), await Step("confirm", "M7", digest));

        // The declaration keeps what was booked when it was declared; the row booked later stays in the aggregate only.
        var declaration = await _clearing.DeclarationAsync(Pair);
        Assert.Equal("paid", declaration.Status);
        Assert.Equal(800, declaration.Declared.Advanced);
        Assert.Equal(5_800, (await _clearing.TotalsAsync(Pair)).Advanced);
        Assert.Equal(("M1", "M5", "M6"), (declaration.Steps["declare_msgid"], declaration.Steps["confirmed_msgid"], declaration.Steps["paid_msgid"]));
    }

    private Task<(ClearingStatusResult, string)> Step(string op, string msgid, byte[] digest) => _clearing.StepAsync(Pair, op, msgid, digest, "2026-08-02 09:00:00", "A11000000001");

    private static ClearingBooking Booking(ClearingRow row, bool next) => new(Pair, row, next ? ClearingFeed.Entry(ClearingFeed.UpKind, row) : null);

    private static ClearingRow Row(string setlId, long medfee, long fund, long acct, params (int Type, long Fen)[] funds) => new("110100", new LedgerRow(
        setlId, "M" + setlId, "P1", "140100", "H11010000001", "msg-" + setlId, "2026-07-15 10:00:00", 390, "390112", false,
        medfee, fund, acct, medfee - fund - acct, [.. funds.Select(f => new FundAmount(f.Type, f.Fen))]));

    public void Dispose() => _stores.Dispose();
}
