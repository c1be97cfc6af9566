using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Security;
using Adjudication.Storage.Clearing;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;

namespace Adjudication.IntegrationTests;

/// <summary>
/// A network whose nodes feed no clearing (<c>Node:ClearingFeed</c> false: a region whose monthly clearing still runs on
/// another system): settlements across provinces settle and cancel as ever and the treatment city's hospital ledger
/// books them, but no clearing row is started anywhere, so no aggregate, insured record or prepayment usage moves.
/// </summary>
public sealed class ClearingFeedOffTests
{
    [Fact]
    public async Task ClearingFeedOff_CrossProvinceSettleAndCancel_LedgerBookedAndNoClearingRowAnywhere()
    {
        // Arrange: a Jinzhong child referred to Beijing.
        await using var network = await TestNetwork.StartAsync(clearingFeed: false);
        var traffic = new ClearingTraffic(network);
        var child = await network[Jinzhong].AddPersonAsync(DomainInsutype.ResidentBasic, DomainPersonType.ResidentMinor);
        await network.FileAsync(child, FilingClass.Referral, "110000", "2026-01-01");

        // Act: a stay of 4,000.00 settles, a visit of 150.00 settles and is cancelled; every outbox is drained.
        var (stay, _) = await traffic.SettleAsync(BeijingCity, BeijingHospital, child, 4000.00m, MedType.Inpatient);
        var (cancelled, _) = await traffic.SettleAsync(BeijingCity, BeijingHospital, child, 150.00m);
        await traffic.CancelAsync(BeijingCity, BeijingHospital, child, cancelled);
        await traffic.DrainAsync();

        // Assert: the hospital ledger holds the two settlements and the cancel's reversed row, 4,000.00 net.
        var now = traffic.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var today = DateOnly.FromDateTime(now.DateTime);
        var rows = await network[BeijingCity].LedgerStore.RowsAsync(BeijingHospital, today, today);
        string[] expected = [stay.SetlId + ":0", cancelled.SetlId + ":0", cancelled.SetlId + ":1"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), rows.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(400_000, rows.Sum(r => r.MedfeeSumamt));
        Assert.Equal(stay.Split.FundPaySumamt, rows.Sum(r => r.FundPaySumamt));

        // No clearing: not at the treatment city, its province or the national node, not in Jinzhong's own records,
        // and Shanxi's prepayment has nothing advanced.
        var month = now.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True((await network[BeijingCity].ClearingStore.TotalsAsync(new ClearingPair(month, "110100", "140700"))).IsEmpty);
        Assert.True((await network[Beijing].ClearingStore.TotalsAsync(new ClearingPair(month, "110100", "140700"))).IsEmpty);
        Assert.True((await network[National].ClearingStore.TotalsAsync(new ClearingPair(month, "110000", "140000"))).IsEmpty);
        Assert.True((await network[Jinzhong].ClearingStore.TotalsAsync(new ClearingPair(month, "110100", "140700"), insuredSide: true)).IsEmpty);
        var prepayment = await traffic.Prepayment(CallerIdentity.Operator("tester")).GetPrepaymentAsync(new GetPrepaymentRequest { InsuplcAdmdvs = "140000" });
        Assert.Equal(0, prepayment.Provinces[0].Status.Advanced);
    }
}
