using Adjudication.Contracts.V1;
using Adjudication.Domain.Persons;
using Adjudication.Node.Security;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// Settlements, cancels and reversals at a treatment city of the six-node network for clearing tests (DESIGN.md §11),
/// and the drain that carries their rows up: each city's outbox applied (ledger, its clearing aggregates, the rows
/// handed to the province, the insured side's records), then each province's, then the national node's, each awaited
/// through DiagnosticsService.ReadOutbox with apply_first, so no test sleeps.
/// </summary>
public sealed class ClearingTraffic(TestNetwork network)
{
    /// <summary>The fixed clock every node of the network reads.</summary>
    public FixedClock Clock => (FixedClock)network[National].Clock;

    /// <summary>Settles a one-line class A bill of <paramref name="yuan"/> for <paramref name="person"/> at <paramref name="hospital"/> of <paramref name="treatment"/>.</summary>
    public async Task<(SettleResponse Answer, string Msgid)> SettleAsync(string treatment, string hospital, PersonProfile person, decimal yuan, MedType medType = MedType.GeneralOutpatient)
    {
        var node = network[treatment];
        var visit = await node.OpenVisitAsync(person, medType, [Line("1", ClassA, yuan, 1m)], hospital);
        var request = node.NewSettle(person, visit, hospital: hospital);
        return (await node.Settlement.SettleAsync(request), request.Msgid);
    }

    /// <summary>Cancels (2208) a settlement made by <see cref="SettleAsync"/>.</summary>
    public async Task CancelAsync(string treatment, string hospital, PersonProfile person, SettleResponse settled)
    {
        var node = network[treatment];
        await node.Settlement.CancelSettlementAsync(new CancelSettlementRequest
        {
            Msgid = node.NextMsgid(hospital), FixmedinsCode = hospital, PsnNo = person.PsnNo,
            InsuplcAdmdvs = person.InsuplcAdmdvs, MdtrtId = settled.MdtrtId, SetlId = settled.SetlId,
        });
    }

    /// <summary>Reverses (2601) a settlement made by <see cref="SettleAsync"/> by its msgid.</summary>
    public async Task ReverseAsync(string treatment, string hospital, PersonProfile person, string settleMsgid)
    {
        var node = network[treatment];
        var answer = await node.Settlement.ReverseAsync(new ReverseRequest
        {
            Msgid = node.NextMsgid(hospital), FixmedinsCode = hospital, PsnNo = person.PsnNo,
            InsuplcAdmdvs = person.InsuplcAdmdvs, Omsgid = settleMsgid, Oinfno = "2207",
        });
        Assert.Equal(ReverseOutcome.Reversed, answer.Outcome);
    }

    /// <summary>Applies every outbox, cities first, then provinces, then the national node: every row is where it clears.</summary>
    public async Task DrainAsync()
    {
        foreach (var tier in new[] { new[] { Taiyuan, Jinzhong, BeijingCity }, new[] { Shanxi, Beijing }, new[] { National } })
        {
            await Task.WhenAll(tier.Select(id => Diagnostics(network[id]).ReadOutboxAsync(new ReadOutboxRequest { ApplyFirst = true }).ResponseAsync));
        }
    }

    /// <summary>The clearing service of node <paramref name="id"/> under the certificate of the agency of <paramref name="agencyAdmdvs"/>.</summary>
    public ClearingService.ClearingServiceClient Clearing(string id, string agencyAdmdvs) => new(network[id].As(TerminalInvoker.AgencyOf(agencyAdmdvs)));

    /// <summary>The national node's prepayment service under <paramref name="caller"/>.</summary>
    public PrepaymentService.PrepaymentServiceClient Prepayment(CallerIdentity caller) => new(network[National].As(caller));

    private static DiagnosticsService.DiagnosticsServiceClient Diagnostics(TestNode node) => new(node.As(CallerIdentity.Operator("tester")));
}
