using Adjudication.Contracts.V1.Policies;
using Adjudication.Node.Mapping;
using Adjudication.Node.Tests.Settlement;

namespace Adjudication.Node.Tests.Policies;

/// <summary>
/// The policy desk in memory over a real store (DESIGN.md §12): versions published through it decide how the insured
/// city's settlement splits a visit, by the visit's start; zones published at a stand-alone node are held and listed.
/// Every test visit begins on 2026-06-10 at a secondary hospital, 100,000 in scope, no deductible.
/// </summary>
public sealed class PolicyDeskTests : IDisposable
{
    private readonly DeskSet _desks = new();
    private int _sequence;

    [Fact]
    public async Task Settle_VersionsPublishedThroughTheDesk_TheOneInForceOnTheVisitStartApplies()
    {
        // Arrange: 80% from 1 January; 90% from 1 July (after the visit began).
        await PublishAsync(8_000, "2026-01-01");
        await PublishAsync(9_000, "2026-07-01");
        var person = await _desks.AddPersonAsync();

        // Act
        var first = await SettleAsync(person);
        await PublishAsync(7_000, "2026-06-01");
        var second = await SettleAsync(person);

        // Assert: the July version never applies to a June visit; a version published later but in force from 1 June does.
        Assert.Equal((8_000, 80_000L, 20_000L), (first.Split.HifpRatioBp, first.Split.HifpPay, first.Split.PsnCashPay));
        Assert.Equal((7_000, 70_000L, 30_000L), (second.Split.HifpRatioBp, second.Split.HifpPay, second.Split.PsnCashPay));
    }

    [Fact]
    public async Task PublishZone_StandAloneNode_HeldAndNeitherTheSameVersionAgainNorNoVersionReplacesIt()
    {
        // Arrange: a stand-alone city node stands in for its province.
        var zone = new IntegrationZone { Name = "test", MemberAdmdvs = { DeskSet.City, "140900" }, ReductionBp = 300 };

        // Act
        var published = await _desks.Policy.PublishZoneAsync(new PublishZoneRequest { Msgid = Msgid(), Zone = zone }, context: null);
        var sameVersion = zone.Clone();
        (sameVersion.Version, sameVersion.ReductionBp) = (1, 100);
        var kept = await _desks.Policy.ReceiveZoneAsync(sameVersion, "140000");
        sameVersion.Version = 0;
        var refused = await Assert.ThrowsAsync<Domain.Errors.AdjudicationException>(() => _desks.Policy.ReceiveZoneAsync(sameVersion, "140000"));
        var listed = await _desks.Policy.ListZonesAsync();

        // Assert: version 1 at 300 bp stays; a handed-down zone without a version is bad input naming the field.
        Assert.Equal((1L, "140000"), (published.Version, published.ProvinceAdmdvs));
        Assert.Equal(1, kept.Version);
        Assert.Equal("version", Assert.Single(refused.Violations).Field);
        Assert.Equal(published, Assert.Single(listed.Zones));
    }

    private Task<PolicyVersion> PublishAsync(int inpatientRatioBp, string effectiveDate)
    {
        var policy = PolicyMapping.ToProto(DeskPolicies.Employee()).Policy;
        policy.Ratios[0].RatioBp = inpatientRatioBp;
        policy.EffectiveDate = effectiveDate;
        return _desks.Policy.PublishPolicyAsync(new PublishPolicyRequest { Msgid = Msgid(), Policy = policy });
    }

    private async Task<Contracts.V1.SettleResponse> SettleAsync(Domain.Persons.PersonProfile person)
    {
        var mdtrtId = await _desks.OpenVisitAsync(person, 100_000);
        return await _desks.Desk.SettleAsync(_desks.Settle(person, mdtrtId), commit: true, context: null);
    }

    private string Msgid() => $"A14010000001" + "20260615100000" + $"{Interlocked.Increment(ref _sequence):D4}";

    /// <inheritdoc />
    public void Dispose() => _desks.Dispose();
}
