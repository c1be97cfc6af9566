using Adjudication.Contracts.V1;
using Adjudication.Node.Ledger;
using Adjudication.Storage;
using Adjudication.Storage.Ledger;
using Adjudication.Storage.Tests.Infrastructure;

namespace Adjudication.Node.Tests.Ledger;

/// <summary>
/// The 3201/3202 comparisons over rows booked in a real ledger (the middle layer, CONVENTIONS.md "Tests"): rows are
/// booked with <see cref="LedgerStore.ApplyAsync(IReadOnlyList{LedgerRow})"/>, read back as the desk reads them, and compared with a hospital's.
/// </summary>
public sealed class ReconciliationComparisonTests
{
    private const string Hospital = "H14010000001";
    private static readonly DateOnly Day = new(2026, 6, 15);
    private readonly LedgerStore _ledger = new(TestRedis.Connection, new RedisStoreOptions { KeyPrefix = "recon" + Guid.NewGuid().ToString("N") });

    // Three settlements on 2026-06-15: S1 (100.00, fund 60.00, account 40.00), S2 (250.00, fund 200.00), and S3
    // (80.00, fund 50.00, account 30.00) cancelled the same day, so S3 is a refund pair.
    private static readonly LedgerRow S1 = Row("S1", "M1", "P1", 10_000, 6_000, 4_000, "H1401000000120260615100000" + "0001");
    private static readonly LedgerRow S2 = Row("S2", "M2", "P2", 25_000, 20_000, 0, "H1401000000120260615100000" + "0002");
    private static readonly LedgerRow S3 = Row("S3", "M3", "P3", 8_000, 5_000, 3_000, "H1401000000120260615100000" + "0003");
    private static readonly LedgerRow S3Reversed = S3.Reversed("H1401000000120260615110000" + "0004", "2026-06-15 11:00:00");

    [Fact]
    public async Task Compare_HospitalSendsTheSameRows_EveryRowMatchedIncludingTheRefundPair()
    {
        // Arrange
        var node = await BookAsync(S1, S2, S3, S3Reversed);

        // Act
        var report = DetailComparison.Compare(node, [AtHospital(S1), AtHospital(S2), AtHospital(S3), AtHospital(S3Reversed)], ReconcileSelection.All, Day, Day);

        // Assert
        Assert.Equal(new ReconcileSummary { StmtRslt = "0", HospitalRows = 4, NodeRows = 4, Matched = 4 }, report.Summary);
        Assert.All(report.Results, r => Assert.Equal(("0", ReconcileOutcome.Matched, string.Empty), (r.StmtRslt, r.Outcome, r.Memo)));
        var reversed = Assert.Single(report.Results, r => r.RefdSetlFlag == "1");
        Assert.Equal(("S3", -8_000L, -5_000L, -3_000L, S3Reversed.Msgid), (reversed.SetlId, reversed.MedfeeSumamt, reversed.FundPaySumamt, reversed.AcctPay, reversed.Msgid));
    }

    [Fact]
    public async Task Compare_RowOnlyAtHospital_NamedWithNoMsgid()
    {
        // Arrange
        var node = await BookAsync(S1);
        var extra = new ReconcileRow { SetlId = "S9", MdtrtId = "M9", PsnNo = "P9", MedfeeSumamt = 1_234, RefdSetlFlag = "0" };

        // Act
        var report = DetailComparison.Compare(node, [AtHospital(S1), extra], ReconcileSelection.All, Day, Day);

        // Assert
        var only = report.Results[1];
        Assert.Equal((ReconcileOutcome.OnlyAtHospital, "1", "S9", "P9", string.Empty, 0L), (only.Outcome, only.StmtRslt, only.SetlId, only.PsnNo, only.Msgid, only.MedfeeSumamt));
        Assert.Equal("only at the hospital: the node holds no row of setl_id S9 with refd_setl_flag 0 settled from 2026-06-15 to 2026-06-15", only.Memo);
        Assert.Equal(new ReconcileSummary { StmtRslt = "1", HospitalRows = 2, NodeRows = 1, Matched = 1, OnlyAtHospital = 1 }, report.Summary);
    }

    [Fact]
    public async Task Compare_RowOnlyAtNode_NamedWithItsMsgidAndAmounts()
    {
        // Arrange: the hospital never heard of the reversal of S3.
        var node = await BookAsync(S1, S3, S3Reversed);

        // Act
        var report = DetailComparison.Compare(node, [AtHospital(S1), AtHospital(S3)], ReconcileSelection.All, Day, Day);

        // Assert
        var only = Assert.Single(report.Results, r => r.Outcome == ReconcileOutcome.OnlyAtNode);
        Assert.Equal(("S3", "1", S3Reversed.Msgid, -8_000L, "1"), (only.SetlId, only.RefdSetlFlag, only.Msgid, only.MedfeeSumamt, only.StmtRslt));
        Assert.StartsWith("only at the node: booked at 2026-06-15 11:00:00 by msgid " + S3Reversed.Msgid, only.Memo, StringComparison.Ordinal);
        Assert.Equal(new ReconcileSummary { StmtRslt = "1", HospitalRows = 2, NodeRows = 3, Matched = 2, OnlyAtNode = 1 }, report.Summary);
    }

    [Fact]
    public async Task Compare_AmountsDiffer_MemoNamesEachFieldInYuan()
    {
        // Arrange: the hospital has S1's account payment as 12.00 and its fund payment 0.01 lower.
        var node = await BookAsync(S1);
        var changed = AtHospital(S1);
        changed.AcctPay = 1_200;
        changed.FundPaySumamt = 5_999;

        // Act
        var report = DetailComparison.Compare(node, [changed], ReconcileSelection.All, Day, Day);

        // Assert: the node's amounts come back beside the memo.
        var row = Assert.Single(report.Results);
        Assert.Equal(ReconcileOutcome.AmountsDiffer, row.Outcome);
        Assert.Equal("fund_pay_sumamt: hospital 59.99, node 60.00; acct_pay: hospital 12.00, node 40.00", row.Memo);
        Assert.Equal((6_000L, 4_000L, S1.Msgid), (row.FundPaySumamt, row.AcctPay, row.Msgid));
        Assert.Equal(new ReconcileSummary { StmtRslt = "1", HospitalRows = 1, NodeRows = 1, AmountsDiffer = 1 }, report.Summary);
    }

    [Fact]
    public async Task Compare_DuplicateRowsInHospitalFile_FirstMatchedEachRepeatReported()
    {
        // Arrange
        var node = await BookAsync(S1, S2);

        // Act: S2 sent three times.
        var report = DetailComparison.Compare(node, [AtHospital(S2), AtHospital(S1), AtHospital(S2), AtHospital(S2)], ReconcileSelection.All, Day, Day);

        // Assert
        Assert.Equal(
            [ReconcileOutcome.Matched, ReconcileOutcome.Matched, ReconcileOutcome.DuplicateAtHospital, ReconcileOutcome.DuplicateAtHospital],
            report.Results.Select(r => r.Outcome));
        Assert.Equal("duplicate at the hospital: row 3 repeats row 1 (setl_id S2, refd_setl_flag 0); the node holds it once", report.Results[2].Memo);
        Assert.Equal(new ReconcileSummary { StmtRslt = "1", HospitalRows = 4, NodeRows = 2, Matched = 2, DuplicateAtHospital = 2 }, report.Summary);
    }

    [Fact]
    public async Task Totals_RefundPair_CountsTwoAndNetsToZero()
    {
        // Arrange
        await BookAsync(S1, S2, S3, S3Reversed);
        var totals = await _ledger.TotalsAsync(Hospital, Day, Day);

        // Act
        var all = TotalsComparison.Sum(totals, ReconcileSelection.All);
        var reversedOnly = TotalsComparison.Sum(totals, new ReconcileSelection(0, string.Empty, true));
        var answer = TotalsComparison.Compare(new ReconcileTotalsRequest { MedfeeSumamt = 35_000, FundPaySumamt = 26_000, AcctPay = 4_000, FixmedinsSetlCnt = 3 }, all);

        // Assert: 4 rows; S3 and its reversal net to 0.
        Assert.Equal((4L, 35_000L, 26_000L, 4_000L), (all.Count, all.MedfeeSumamt, all.FundPaySumamt, all.AcctPay));
        Assert.Equal((1L, -8_000L), (reversedOnly.Count, reversedOnly.MedfeeSumamt));
        Assert.Equal("1", answer.StmtRslt);
        Assert.Equal("fixmedins_setl_cnt: hospital 3, node 4, difference -1", answer.StmtRsltDscr);
    }

    private async Task<IReadOnlyList<LedgerRow>> BookAsync(params LedgerRow[] rows)
    {
        Assert.Equal(rows.Length, await _ledger.ApplyAsync(rows));
        // Booking again changes nothing (the outbox may repeat an entry).
        Assert.Equal(0, await _ledger.ApplyAsync(rows));
        return await _ledger.RowsAsync(Hospital, Day, Day);
    }

    private static LedgerRow Row(string setlId, string mdtrtId, string psnNo, long medfee, long fund, long acct, string msgid) =>
        new(setlId, mdtrtId, psnNo, "140100", Hospital, msgid, "2026-06-15 10:00:00", 310, "11", false, medfee, fund, acct, medfee - fund - acct, [new FundAmount(310100, fund)]);

    // The row as the hospital's file lists it.
    private static ReconcileRow AtHospital(LedgerRow row) => new()
    {
        SetlId = row.SetlId, MdtrtId = row.MdtrtId, PsnNo = row.PsnNo, MedfeeSumamt = row.MedfeeSumamt,
        FundPaySumamt = row.FundPaySumamt, AcctPay = row.AcctPay, RefdSetlFlag = row.Refunded ? "1" : "0",
    };
}
