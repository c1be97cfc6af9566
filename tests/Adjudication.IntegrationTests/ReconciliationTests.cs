using System.Globalization;
using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Security;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;
using static Adjudication.IntegrationTests.Infrastructure.World;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;

namespace Adjudication.IntegrationTests;

/// <summary>
/// Reconciliation (3201/3202, DESIGN.md §11) over the six-node network: two Beijing institutions settle, cancel and
/// reverse for Beijing persons and for children insured in Jinzhong (Shanxi) referred to Beijing; the Beijing city node
/// books every one in its hospital ledger, and each institution reconciles against it. Every test uses institutions of
/// its own, so the ledgers of tests sharing the network never mix.
/// </summary>
public sealed class ReconciliationTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    private const string Day = "2026-06-15";
    private const string BeijingCityCode = "110100";
    private static int s_institutions;
    private readonly TestNetwork _network = fixture.Network;

    private TestNode BeijingNode => _network[BeijingCity];

    [Fact]
    public async Task ReconcileTotals_DayOfSettlementsCancelsAndReversals_BalancedAndNodeTotalsEqualTheSettleAnswers()
    {
        // Arrange
        var day = await SettleDayAsync();

        // Act: each institution sends the totals of its own books.
        var first = await TotalsAsync(day.First, Totals(day.First, day.FirstRows));
        var second = await TotalsAsync(day.Second, Totals(day.Second, day.SecondRows));
        var reversedOnly = await TotalsAsync(day.First, Totals(day.First, day.FirstRows.Where(r => r.RefdSetlFlag == "1").ToList(), "1"));

        // Assert: the first institution's 8 rows (2 settlements standing, 3 refunded pairs) net to the two settlements
        // standing: medfee 10,000 (the Beijing employee's 100.00) + 400,000 (the referred child's stay) = 410,000.
        Assert.Equal("0", first.StmtRslt);
        Assert.Equal("balanced", first.StmtRsltDscr);
        Assert.Equal(8, first.NodeSetlCnt);
        Assert.Equal(410_000, first.NodeMedfeeSumamt);
        Assert.Equal(day.Local.Split.FundPaySumamt + day.Referred.Split.FundPaySumamt, first.NodeFundPaySumamt);
        Assert.Equal(day.Local.Split.AcctPay + day.Referred.Split.AcctPay, first.NodeAcctPay);
        Assert.True(first.NodeAcctPay > 0 && first.NodeFundPaySumamt > 0, $"acct {first.NodeAcctPay}, fund {first.NodeFundPaySumamt}");
        Assert.Equal(BeijingCityCode, first.SetlOptins);

        // The second institution: one Beijing settlement of 120.00 and one referred child's of 150.00.
        Assert.Equal("0", second.StmtRslt);
        Assert.Equal(2, second.NodeSetlCnt);
        Assert.Equal(27_000, second.NodeMedfeeSumamt);

        // The reversed rows alone: three, their amounts negated: −(200.00 + 150.00 + 80.00).
        Assert.Equal("0", reversedOnly.StmtRslt);
        Assert.Equal(3, reversedOnly.NodeSetlCnt);
        Assert.Equal(-43_000, reversedOnly.NodeMedfeeSumamt);
    }

    [Fact]
    public async Task ReconcileDetails_OneSettlementMissingAtHospital_TotalsNotBalancedAndTheRowNamedWithItsMsgid()
    {
        // Arrange: the first institution's books lost the referred child's stay (400,000).
        var day = await SettleDayAsync();
        var books = day.FirstRows.Where(r => r.SetlId != day.Referred.SetlId).ToList();

        // Act
        var totals = await TotalsAsync(day.First, Totals(day.First, books));
        var (results, summary) = await DetailsAsync(day.First, books);

        // Assert: 3201 says by how much; 3202 names the settlement with the msgid a 2601 would need.
        Assert.Equal("1", totals.StmtRslt);
        Assert.Contains("medfee_sumamt: hospital 100.00, node 4100.00, difference -4000.00", totals.StmtRsltDscr, StringComparison.Ordinal);
        Assert.Contains("fixmedins_setl_cnt: hospital 7, node 8, difference -1", totals.StmtRsltDscr, StringComparison.Ordinal);
        var missing = Assert.Single(results, r => r.Outcome != ReconcileOutcome.Matched);
        Assert.Equal(ReconcileOutcome.OnlyAtNode, missing.Outcome);
        Assert.Equal(day.Referred.SetlId, missing.SetlId);
        Assert.Equal(day.ReferredMsgid, missing.Msgid);
        Assert.Equal("1", missing.StmtRslt);
        Assert.Equal(400_000, missing.MedfeeSumamt);
        Assert.Equal(day.Referred.Split.FundPaySumamt, missing.FundPaySumamt);
        Assert.Equal(new ReconcileSummary { StmtRslt = "1", HospitalRows = 7, NodeRows = 8, Matched = 7, OnlyAtNode = 1 }, summary);
    }

    [Fact]
    public async Task ReconcileDetails_OneAmountChanged_AmountsDifferOnThatRowAndRefundPairsMatch()
    {
        // Arrange: the hospital booked the Beijing employee's account payment 2.00 too high.
        var day = await SettleDayAsync();
        var books = day.FirstRows.Select(r => r.SetlId == day.Local.SetlId && r.RefdSetlFlag == "0" ? new ReconcileRow(r) { AcctPay = r.AcctPay + 200 } : r).ToList();

        // Act
        var (results, summary) = await DetailsAsync(day.First, books);

        // Assert
        var changed = Assert.Single(results, r => r.Outcome == ReconcileOutcome.AmountsDiffer);
        Assert.Equal(day.Local.SetlId, changed.SetlId);
        Assert.Equal(day.LocalMsgid, changed.Msgid);
        Assert.Equal($"acct_pay: hospital {Yuan(day.Local.Split.AcctPay + 200)}, node {Yuan(day.Local.Split.AcctPay)}", changed.Memo);
        Assert.Equal(day.Local.Split.AcctPay, changed.AcctPay);
        Assert.Equal(new ReconcileSummary { StmtRslt = "1", HospitalRows = 8, NodeRows = 8, Matched = 7, AmountsDiffer = 1 }, summary);

        // Each refunded settlement is two matched rows: the forward one and the reversed one with its amounts negated,
        // the reversed one made by the cancel's or the reversal's msgid.
        foreach (var (setlId, undoMsgid) in day.Refunded)
        {
            var pair = results.Where(r => r.SetlId == setlId).OrderBy(r => r.RefdSetlFlag, StringComparer.Ordinal).ToList();
            Assert.Equal(["0", "1"], pair.Select(r => r.RefdSetlFlag));
            Assert.All(pair, r => Assert.Equal(ReconcileOutcome.Matched, r.Outcome));
            Assert.Equal(-pair[0].MedfeeSumamt, pair[1].MedfeeSumamt);
            Assert.Equal(undoMsgid, pair[1].Msgid);
        }
    }

    [Fact]
    public async Task ListSettlements_TwoPages_EveryRowOnceWithItsNationalFields()
    {
        // Arrange
        var day = await SettleDayAsync();
        var client = Client(day.First);

        // Act
        var page1 = await client.ListSettlementsAsync(new ListSettlementsRequest { FixmedinsCode = day.First, FromDate = Day, ToDate = Day, PageSize = 5 });
        var page2 = await client.ListSettlementsAsync(new ListSettlementsRequest { FixmedinsCode = day.First, FromDate = Day, ToDate = Day, PageSize = 5, PageToken = page1.NextPageToken });

        // Assert: 5 + 3 rows, none twice; the referred child's row as the ledger holds it.
        Assert.Equal(5, page1.Rows.Count);
        Assert.NotEmpty(page1.NextPageToken);
        Assert.Equal(3, page2.Rows.Count);
        Assert.Empty(page2.NextPageToken);
        var all = page1.Rows.Concat(page2.Rows).ToList();
        Assert.Equal(8, all.Select(r => r.SetlId + r.RefdSetlFlag).Distinct().Count());
        var stay = Assert.Single(all, r => r.SetlId == day.Referred.SetlId);
        Assert.Equal(day.ReferredMsgid, stay.Msgid);
        Assert.Equal("140700", stay.InsuplcAdmdvs);
        Assert.Equal(Insutype.ResidentBasic, stay.Insutype);
        Assert.Equal("390212", stay.ClrType);
        Assert.Equal(400_000, stay.MedfeeSumamt);
        Assert.Equal(day.Referred.Split.PsnCashPay, stay.PsnCashPay);
        Assert.Equal(day.Referred.Split.FundPaySumamt, stay.Funds.Sum(f => f.FundPayamt));
    }

    [Fact]
    public async Task Reconcile_InstitutionSuspendedThenEnded_StillReconcilesWhatItSettled()
    {
        // Arrange: the second institution settled 120.00 and 150.00 on the node's today (2026-06-15).
        var day = await SettleDayAsync();
        var client = Client(day.Second);
        var settling = new SettlementService.SettlementServiceClient(BeijingNode.As(CallerIdentity.Institution(day.Second)));
        var n = Interlocked.Increment(ref s_institutions);

        // Act: suspended, it reconciles; designated again and then ended the day before, it lists its rows.
        await AgencySeed.SuspendAsync(BeijingNode, 700 + n, day.Second);
        var suspendedLookup = await RpcAssert.FailsAsync(() => LookUpAsync(settling, day.Second));
        var totals = await TotalsAsync(day.Second, Totals(day.Second, day.SecondRows));
        var (results, summary) = await DetailsAsync(day.Second, day.SecondRows);
        await AgencySeed.DesignateAsync(BeijingNode, 800 + n, day.Second, "北京对账测试医院" + day.Second, HospitalLevel.Tertiary);
        var ended = await BeijingNode.Agency.EndInstitutionAsync(new EndInstitutionRequest
        {
            Msgid = AgencySeed.Msgid(BeijingCityCode, 900 + n), FixmedinsCode = day.Second, Admdvs = BeijingCityCode, Enddate = "2026-06-14",
        });
        var endedLookup = await RpcAssert.FailsAsync(() => LookUpAsync(settling, day.Second));
        var listed = await client.ListSettlementsAsync(new ListSettlementsRequest { FixmedinsCode = day.Second, FromDate = Day, ToDate = Day });

        // Assert: neither suspended nor ended may it settle; both times 3201, 3202 and the listing answer it.
        Assert.Equal(("INSTITUTION_NOT_DESIGNATED", "INSTITUTION_NOT_DESIGNATED"), (suspendedLookup.Reason, endedLookup.Reason));
        Assert.Equal(("0", 2, 27_000L), (totals.StmtRslt, totals.NodeSetlCnt, totals.NodeMedfeeSumamt));
        Assert.All(results, r => Assert.Equal(ReconcileOutcome.Matched, r.Outcome));
        Assert.Equal(new ReconcileSummary { StmtRslt = "0", HospitalRows = 2, NodeRows = 2, Matched = 2 }, summary);
        Assert.Equal(("2026-06-14", DesignationStatus.Designated), (ended.Enddate, ended.Status));
        Assert.Equal(day.SecondRows.Select(r => r.SetlId).Order(StringComparer.Ordinal), listed.Rows.Select(r => r.SetlId).Order(StringComparer.Ordinal));
    }

    // A person look-up (1101) by the institution: refused before its content is read when the institution may not settle.
    private static Task<GetPersonResponse> LookUpAsync(SettlementService.SettlementServiceClient client, string hospital) =>
        client.GetPersonAsync(new GetPersonRequest { FixmedinsCode = hospital, InsuplcAdmdvs = BeijingCityCode }).ResponseAsync;

    [Fact]
    public async Task Reconcile_AnotherInstitutionsCode_PermissionDeniedForEveryMethod()
    {
        // Arrange: the first institution asks about the second.
        var day = await SettleDayAsync();
        var client = Client(day.First);

        // Act / Assert
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "INSTITUTION_MISMATCH",
            () => client.ReconcileTotalsAsync(Totals(day.Second, day.SecondRows)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "INSTITUTION_MISMATCH",
            () => client.ListSettlementsAsync(new ListSettlementsRequest { FixmedinsCode = day.Second, FromDate = Day, ToDate = Day }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "INSTITUTION_MISMATCH",
            () => client.ReconcileDetails().ExchangeAsync([new ReconcileDetailsRequest { Header = Header(day.Second), Rows = { day.SecondRows } }]));
    }

    [Fact]
    public async Task ReconcileTotals_BadFields_InvalidArgumentNamingEach()
    {
        // Arrange
        var code = await NewInstitutionAsync();
        var client = Client(code);
        var request = new ReconcileTotalsRequest
        {
            FixmedinsCode = code, SetlOptins = "140100", StmtBegndate = "2026-06-15", StmtEnddate = "2027-06-16",
            FixmedinsSetlCnt = -1, RefdSetlFlag = "2", ClrType = "ab", MedfeeSumamt = -5,
        };

        // Act
        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => client.ReconcileTotalsAsync(request).ResponseAsync);
        var reversed = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST",
            () => client.ReconcileTotalsAsync(new ReconcileTotalsRequest { FixmedinsCode = code, SetlOptins = "110105", StmtBegndate = Day, StmtEnddate = "2026-06-14", RefdSetlFlag = "0", MedfeeSumamt = -5 }).ResponseAsync);

        // Assert: another city's agency, 367 days, a negative count, an unknown flag and clearing type; then a period
        // ending before it starts and a negative amount of forward rows (a county of Beijing is fine).
        Assert.Contains("110100", failure.Names("setl_optins").Description, StringComparison.Ordinal);
        Assert.Contains("366", failure.Names("stmt_enddate").Description, StringComparison.Ordinal);
        failure.Names("fixmedins_setl_cnt");
        failure.Names("refd_setl_flag");
        failure.Names("clr_type");
        Assert.Equal(["stmt_enddate", "medfee_sumamt"], reversed.Violations.Select(v => v.Field));
    }

    // ---- A day of settlements -------------------------------------------------------------------------------------

    /// <summary>
    /// What two new institutions did on 2026-06-15 and the rows each books for it (as its 3202 file would list them).
    /// First: a Beijing employee (100.00, from the account), a referred Jinzhong child's stay (4,000.00), a Beijing
    /// resident's 200.00 cancelled (2208), a referred child's 150.00 cancelled across provinces, a Beijing employee's
    /// 80.00 reversed (2601). Second: a Beijing employee's 120.00 and a referred child's 150.00.
    /// </summary>
    private sealed record SettledDay(
        string First,
        string Second,
        SettleResponse Local,
        string LocalMsgid,
        SettleResponse Referred,
        string ReferredMsgid,
        IReadOnlyList<(string SetlId, string UndoMsgid)> Refunded,
        List<ReconcileRow> FirstRows,
        List<ReconcileRow> SecondRows);

    private async Task<SettledDay> SettleDayAsync()
    {
        var first = await NewInstitutionAsync();
        var second = await NewInstitutionAsync();
        var firstRows = new List<ReconcileRow>();
        var secondRows = new List<ReconcileRow>();
        var refunded = new List<(string, string)>();

        var employee = await BeijingNode.AddPersonAsync(balanceFen: 50_000);
        var (local, localMsgid) = await SettleAsync(first, employee, MedType.GeneralOutpatient, 100.00m, firstRows, useAccount: true);
        var child = await ReferredChildAsync();
        var (referred, referredMsgid) = await SettleAsync(first, child, MedType.Inpatient, 4000.00m, firstRows);

        var resident = await BeijingNode.AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentAdult);
        var (cancelled, _) = await SettleAsync(first, resident, MedType.GeneralOutpatient, 200.00m, firstRows);
        refunded.Add((cancelled.SetlId, await CancelAsync(first, resident, cancelled, firstRows)));
        var visitor = await ReferredChildAsync();
        var (cancelledAway, _) = await SettleAsync(first, visitor, MedType.GeneralOutpatient, 150.00m, firstRows);
        refunded.Add((cancelledAway.SetlId, await CancelAsync(first, visitor, cancelledAway, firstRows)));
        var reversedPerson = await BeijingNode.AddPersonAsync();
        var (reversed, reversedMsgid) = await SettleAsync(first, reversedPerson, MedType.GeneralOutpatient, 80.00m, firstRows);
        refunded.Add((reversed.SetlId, await ReverseAsync(first, reversedPerson, reversed, reversedMsgid, firstRows)));

        await SettleAsync(second, await BeijingNode.AddPersonAsync(), MedType.GeneralOutpatient, 120.00m, secondRows);
        await SettleAsync(second, await ReferredChildAsync(), MedType.GeneralOutpatient, 150.00m, secondRows);
        return new SettledDay(first, second, local, localMsgid, referred, referredMsgid, refunded, firstRows, secondRows);
    }

    private async Task<Domain.Persons.PersonProfile> ReferredChildAsync()
    {
        var child = await _network[Jinzhong].AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentMinor);
        await _network.FileAsync(child, FilingClass.Referral, "110000", "2026-06-01");
        return child;
    }

    private async Task<(SettleResponse Answer, string Msgid)> SettleAsync(
        string hospital, Domain.Persons.PersonProfile person, MedType medType, decimal yuan, List<ReconcileRow> books, bool useAccount = false)
    {
        var visit = await BeijingNode.OpenVisitAsync(person, medType, [Line("1", ClassA, yuan, 1m)], hospital);
        var request = BeijingNode.NewSettle(person, visit, useAccount, hospital);
        var answer = await BeijingNode.Settlement.SettleAsync(request);
        books.Add(Row(answer, answer.Split, refunded: false));
        return (answer, request.Msgid);
    }

    private async Task<string> CancelAsync(string hospital, Domain.Persons.PersonProfile person, SettleResponse settled, List<ReconcileRow> books)
    {
        var cancel = new CancelSettlementRequest
        {
            Msgid = BeijingNode.NextMsgid(hospital), FixmedinsCode = hospital, PsnNo = person.PsnNo,
            InsuplcAdmdvs = person.InsuplcAdmdvs, MdtrtId = settled.MdtrtId, SetlId = settled.SetlId,
        };
        var answer = await BeijingNode.Settlement.CancelSettlementAsync(cancel);
        books.Add(Row(settled, answer.Restored, refunded: true));
        return cancel.Msgid;
    }

    private async Task<string> ReverseAsync(string hospital, Domain.Persons.PersonProfile person, SettleResponse settled, string settleMsgid, List<ReconcileRow> books)
    {
        var reverse = new ReverseRequest
        {
            Msgid = BeijingNode.NextMsgid(hospital), FixmedinsCode = hospital, PsnNo = person.PsnNo,
            InsuplcAdmdvs = person.InsuplcAdmdvs, Omsgid = settleMsgid, Oinfno = "2207",
        };
        Assert.Equal(ReverseOutcome.Reversed, (await BeijingNode.Settlement.ReverseAsync(reverse)).Outcome);
        books.Add(Row(settled, settled.Split, refunded: true));
        return reverse.Msgid;
    }

    // The hospital's row of a settlement, or of its reversal with the amounts negated (the count rule of reconciliation.proto).
    private static ReconcileRow Row(SettleResponse settled, SettlementSplit split, bool refunded)
    {
        var sign = refunded ? -1 : 1;
        return new ReconcileRow
        {
            SetlId = settled.SetlId, MdtrtId = settled.MdtrtId, PsnNo = settled.PsnNo, RefdSetlFlag = refunded ? "1" : "0",
            MedfeeSumamt = sign * split.MedfeeSumamt, FundPaySumamt = sign * split.FundPaySumamt, AcctPay = sign * split.AcctPay,
        };
    }

    private async Task<string> NewInstitutionAsync()
    {
        var n = Interlocked.Increment(ref s_institutions);
        var code = string.Create(CultureInfo.InvariantCulture, $"H110100{n + 100:D5}");
        await AgencySeed.DesignateAsync(BeijingNode, 500 + n, code, "北京对账测试医院" + code, HospitalLevel.Tertiary);
        return code;
    }

    // ---- Calls --------------------------------------------------------------------------------------------------

    private ReconciliationService.ReconciliationServiceClient Client(string hospital) => new(BeijingNode.As(CallerIdentity.Institution(hospital)));

    private Task<ReconcileTotalsResponse> TotalsAsync(string hospital, ReconcileTotalsRequest request) => Client(hospital).ReconcileTotalsAsync(request).ResponseAsync;

    private static ReconcileTotalsRequest Totals(string hospital, List<ReconcileRow> rows, string refdSetlFlag = "") => new()
    {
        FixmedinsCode = hospital, SetlOptins = BeijingCityCode, StmtBegndate = Day, StmtEnddate = Day, RefdSetlFlag = refdSetlFlag,
        MedfeeSumamt = rows.Sum(r => r.MedfeeSumamt), FundPaySumamt = rows.Sum(r => r.FundPaySumamt), AcctPay = rows.Sum(r => r.AcctPay),
        FixmedinsSetlCnt = rows.Count,
    };

    private static ReconcileDetailsHeader Header(string hospital) => new() { FixmedinsCode = hospital, SetlOptins = BeijingCityCode, StmtBegndate = Day, StmtEnddate = Day };

    private async Task<(List<ReconcileResult> Results, ReconcileSummary Summary)> DetailsAsync(string hospital, List<ReconcileRow> rows)
    {
        // Rows in two messages, the header with the first.
        var parts = new[]
        {
            new ReconcileDetailsRequest { Header = Header(hospital), Rows = { rows.Take(3) } },
            new ReconcileDetailsRequest { Rows = { rows.Skip(3) } },
        };
        var answers = await Client(hospital).ReconcileDetails(deadline: DateTime.UtcNow.AddSeconds(30)).ExchangeAsync(parts);
        return ([.. answers.SelectMany(a => a.Results)], answers[^1].Summary);
    }

    private static string Yuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
