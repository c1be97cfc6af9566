using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Clearing;
using Adjudication.Node.Security;
using Adjudication.Storage.Clearing;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;
using StoredRow = Adjudication.Storage.Clearing.ClearingRow;

namespace Adjudication.IntegrationTests;

/// <summary>
/// The clearing feed when hops repeat themselves (DESIGN.md §6, §11): a relay province restarted on its store and
/// every row handed up again, as a crash between a hop's answer and the deletion of its outbox entry would; the
/// national aggregates still equal the sum over the insured cities' own records, and nothing is counted twice.
/// </summary>
public sealed class ClearingRecoveryTests
{
    private const string Month = "202606";

    [Fact]
    public async Task BookClearing_RelayRestartedAndRowsHandedUpAgain_NationalEqualsInsuredRecordsAndNothingTwice()
    {
        // Arrange: June, on a network of its own: Jinzhong children at Beijing (a stay, a cancelled and a reversed
        // visit), a Beijing employee at Taiyuan; all carried up.
        await using var network = await TestNetwork.StartAsync();
        var traffic = new ClearingTraffic(network);
        var settled = new List<SettleResponse>();
        foreach (var (yuan, undo) in new[] { (4000.00m, 0), (150.00m, 1), (80.00m, 2), (2500.00m, 0) })
        {
            var child = await network[Jinzhong].AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentMinor);
            await network.FileAsync(child, FilingClass.Referral, "110000", "2026-06-01");
            var (answer, msgid) = await traffic.SettleAsync(BeijingCity, BeijingHospital, child, yuan, MedType.Inpatient);
            settled.Add(answer);
            if (undo == 1)
            {
                await traffic.CancelAsync(BeijingCity, BeijingHospital, child, answer);
            }
            else if (undo == 2)
            {
                await traffic.ReverseAsync(BeijingCity, BeijingHospital, child, msgid);
            }
        }

        var employee = await network[BeijingCity].AddPersonAsync();
        await network.FileAsync(employee, FilingClass.Referral, "140000", "2026-06-01");
        await traffic.SettleAsync(Taiyuan, TaiyuanHospital, employee, 3000.00m, MedType.Inpatient);
        await traffic.DrainAsync();
        var before = await NationalAsync(network);

        // Act: the Beijing province stops and starts again on its store; Beijing's city hands every row up again, and
        // the province every cross-province row to the national node, as after a crash before their entries were deleted.
        await network[Beijing].StopAsync();
        await using var restarted = await network.StartAgainAsync(Beijing);
        var cityRows = await network[BeijingCity].ClearingStore.RowsAsync(new ClearingPair(Month, "110100", "140700"));
        var provinceRows = await restarted.ClearingStore.RowsAsync(new ClearingPair(Month, "110100", "140700"));
        var again = await HandUpAsync(restarted, BeijingCity, "110000", cityRows);
        var againNational = await HandUpAsync(network[National], Beijing, "000000", provinceRows);
        await traffic.DrainAsync();
        var after = await NationalAsync(network);

        // Assert: six rows each way (4 settlements, 2 reversed rows), none booked again; the national aggregate is
        // Jinzhong's own records of its children, to the fen, and the prepayment usage counted each row once.
        Assert.Equal(6, cityRows.Count);
        Assert.Equal((0, 0), (again, againNational));
        var insured = await network[Jinzhong].ClearingStore.TotalsAsync(new ClearingPair(Month, "110100", "140700"), insuredSide: true);
        var taiyuanInsured = await network[Taiyuan].ClearingStore.TotalsAsync(new ClearingPair(Month, "110100", "140100"), insuredSide: true);
        Assert.True(taiyuanInsured.IsEmpty);
        Assert.Equivalent(insured, after.Totals, strict: true);
        Assert.Equivalent(before.Totals, after.Totals, strict: true);
        Assert.Equal((4L, 2L), (after.Totals.Settled.Count, after.Totals.Reversed.Count));
        var standing = settled[0].Split.FundPaySumamt + settled[0].Split.AcctPay + settled[3].Split.FundPaySumamt + settled[3].Split.AcctPay;
        Assert.Equal(standing, after.Totals.Advanced);
        Assert.Equal(standing, after.Advanced);
        Assert.Equal(before.Advanced, after.Advanced);
    }

    // The national aggregate of Beijing's treatment of Shanxi's persons in June, and Shanxi's prepayment advanced.
    private static async Task<(ClearingTotals Totals, long Advanced)> NationalAsync(TestNetwork network)
    {
        var totals = await network[National].ClearingStore.TotalsAsync(new ClearingPair(Month, "110000", "140000"));
        var prepayment = await new PrepaymentService.PrepaymentServiceClient(network[National].As(CallerIdentity.Operator("tester")))
            .GetPrepaymentAsync(new GetPrepaymentRequest { InsuplcAdmdvs = "140000" });
        return (totals, prepayment.Provinces[0].Status.Advanced);
    }

    // What a child's outbox worker sends: BookClearing, under the child's node identity, for itself.
    private static async Task<int> HandUpAsync(TestNode parent, string child, string target, IReadOnlyList<StoredRow> rows)
    {
        var request = new BookClearingRequest();
        request.Rows.AddRange(rows.Select(ClearingMapping.ToProto));
        var client = new NetworkService.NetworkServiceClient(parent.As(CallerIdentity.Node(child)));
        return (await client.BookClearingAsync(request, RelayHeaders(target, child, CallerIdentity.Node(child)))).Booked;
    }
}
