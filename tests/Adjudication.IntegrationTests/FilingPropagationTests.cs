using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Security;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests;

/// <summary>
/// Filings across the network (DESIGN.md §3, §5): pushed at write time to every node on the route and to the
/// destination's cities, version-guarded, checked at the treatment city; and catalogs published by a province.
/// </summary>
public sealed class FilingPropagationTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    private const string JinzhongAgency = "A14070000001";
    private readonly TestNetwork _network = fixture.Network;

    private TestNode JinzhongNode => _network[Jinzhong];

    private TestNode BeijingNode => _network[BeijingCity];

    [Fact]
    public async Task RegisterExtendRevoke_PushesEachVersionAlongTheRoute_AndRevokedFilingIsRefusedAtTreatmentCity()
    {
        // Arrange: a Jinzhong resident with a referral filing to Beijing (province code: covers its city).
        var person = await JinzhongNode.AddPersonAsync();
        var v1 = await _network.FileAsync(person, FilingClass.Referral, "110000", "2026-06-01");

        // Assert: every node on the route and the destination's city hold version 1 (Shanxi, national, Beijing, its city).
        foreach (var id in new[] { Shanxi, National, Beijing, BeijingCity })
        {
            var cached = Assert.Single(await _network[id].ReadCachedFilingsAsync(person.InsuplcAdmdvs, person.PsnNo));
            Assert.Equal((v1.FilingId, 1L), (cached.FilingId, cached.Version));
        }

        // Act 2: extend (v2); then an old push (v1) arrives late at the Beijing city node.
        await JinzhongNode.Filing.ExtendFilingAsync(new ExtendFilingRequest
        {
            Msgid = JinzhongNode.NextMsgid(JinzhongAgency), PsnNo = person.PsnNo, InsuplcAdmdvs = person.InsuplcAdmdvs, FilingId = v1.FilingId, Enddate = "2027-03-31",
        });
        var fromProvince = new NetworkService.NetworkServiceClient(BeijingNode.As(CallerIdentity.Node(Beijing)));
        var late = await fromProvince.PushFilingAsync(v1, RelayHeaders("110100", origin: Jinzhong));

        // Assert 2: the newer version stays.
        Assert.Equal(2, late.HeldVersion);
        var held = Assert.Single(await BeijingNode.ReadCachedFilingsAsync(person.InsuplcAdmdvs, person.PsnNo));
        Assert.Equal((2L, new DateOnly(2027, 3, 31)), (held.Version, held.EndDate!.Value));
        var visit = await BeijingNode.RegisterVisitAsync(person, MedType.GeneralOutpatient, BeijingHospital);
        Assert.StartsWith("110100", visit, StringComparison.Ordinal);

        // Act 3: revoke (v3).
        await JinzhongNode.Filing.RevokeFilingAsync(new RevokeFilingRequest
        {
            Msgid = JinzhongNode.NextMsgid(JinzhongAgency), PsnNo = person.PsnNo, InsuplcAdmdvs = person.InsuplcAdmdvs, FilingId = v1.FilingId,
        });

        // Assert 3: the treatment city refuses a new visit from its own copy, naming the revoked filing.
        Assert.Equal(3, Assert.Single(await BeijingNode.ReadCachedFilingsAsync(person.InsuplcAdmdvs, person.PsnNo)).Version);
        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "FILING_REQUIRED",
            () => BeijingNode.Settlement.RegisterVisitAsync(BeijingNode.NewRegistration(person, MedType.GeneralOutpatient, BeijingHospital)).ResponseAsync);
        Assert.Contains($"Filing {v1.FilingId} to 110000 was revoked", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterVisit_FilingExpiredBeforeTheVisit_RefusedWithFilingExpired()
    {
        // A temporary filing from 2025-10-01 is valid six months, to 2026-03-31; the visit is on 2026-06-10.
        var person = await JinzhongNode.AddPersonAsync();
        var filing = await _network.FileAsync(person, FilingClass.OtherTemporary, "110100", "2025-10-01");
        Assert.Equal("2026-03-31", filing.Enddate);

        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "FILING_EXPIRED",
            () => BeijingNode.Settlement.RegisterVisitAsync(BeijingNode.NewRegistration(person, MedType.GeneralOutpatient, BeijingHospital)).ResponseAsync);
        Assert.Contains("valid 2025-10-01 to 2026-03-31", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishCatalog_AtProvince_ReachesEveryCityAndTakesEffectFromItsDate()
    {
        // Arrange: Shanxi publishes a new version effective 2026-06-12 in which the class B drug becomes class C.
        var publish = new PublishCatalogRequest { Msgid = "A14000000000" + "20260611000000" + "0001", CatalogVersion = "2026.06", EffectiveDate = "2026-06-12" };
        publish.Entries.AddRange(Catalog.Select(e => e.MedListCodg == ClassB ? new CatalogEntry(e) { ItemClass = ItemClass.C, SelfpayBp = 0 } : e));

        // Act
        var published = await _network[Shanxi].Catalog.PublishCatalogAsync(publish);

        // Assert: both Shanxi cities serve it from memory at once: before the date the old version, from it the new.
        Assert.Equal(Catalog.Count, published.EntryCount);
        foreach (var city in new[] { Taiyuan, Jinzhong })
        {
            var before = await _network[city].Catalog.LookupItemsAsync(new LookupItemsRequest { MedListCodg = { ClassB }, Date = "2026-06-11" });
            var after = await _network[city].Catalog.LookupItemsAsync(new LookupItemsRequest { MedListCodg = { ClassB }, Date = "2026-06-12" });
            Assert.Equal((CatalogVersion, ItemClass.B), (before.CatalogVersion, Assert.Single(before.Entries).ItemClass));
            Assert.Equal(("2026.06", ItemClass.C), (after.CatalogVersion, Assert.Single(after.Entries).ItemClass));
        }

        // Beijing's cities keep Beijing's catalog.
        var beijing = await BeijingNode.Catalog.LookupItemsAsync(new LookupItemsRequest { MedListCodg = { ClassB }, Date = "2026-06-20" });
        Assert.Equal(CatalogVersion, beijing.CatalogVersion);
    }
}
