using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Hosting;
using Adjudication.Node.Security;
using Adjudication.Storage;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Logging;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests;

/// <summary>
/// Who may call what at one stand-alone city node (DESIGN.md §8): no certificate, no call (health excepted); an
/// institution acts only under its own code; only a province's agency publishes a catalog; only the insured city's
/// agency files; and a node never listens in plaintext off loopback. Every refusal leaves money and data where they were.
/// </summary>
public sealed class AccessControlTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    // 300.00 of class A at the tertiary hospital, outpatient: yearly deductible 20,000, eligible 10,000, R 55% → hifp 5,500.
    private const long OutpatientDeductibleFen = 20_000;
    private const long OutpatientHifpFen = 5_500;
    private const long BalanceFen = 100_000;

    private readonly TestNode _node = fixture.Node;

    [Fact]
    public async Task GetPerson_WithoutClientCertificate_UnauthenticatedNoIdentityAndNoPersonalData()
    {
        // Arrange: a person with a balance, and a channel that presents no client certificate.
        var person = await _node.AddPersonAsync(balanceFen: BalanceFen);
        using var anonymous = _node.Anonymous();
        var request = new GetPersonRequest
        {
            FixmedinsCode = Hospital, MdtrtCertType = MdtrtCertType.IdCard, MdtrtCertNo = person.CertNo, InsuplcAdmdvs = City,
        };

        // Act
        var failure = await RpcAssert.FailsAsync(
            StatusCode.Unauthenticated,
            "NO_IDENTITY",
            () => new SettlementService.SettlementServiceClient(anonymous).GetPersonAsync(request).ResponseAsync);

        // Assert: the refusal names what is missing and carries nothing of the person.
        Assert.Contains("client certificate", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(person.PsnNo, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Name, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(person.CertNo, failure.Message, StringComparison.Ordinal);
        Assert.Equal(BalanceFen, (await _node.ReadPersonAsync(person.PsnNo)).Balance.Fen);
    }

    [Fact]
    public async Task Settle_WithoutClientCertificate_UnauthenticatedNoIdentityAndNothingMoves()
    {
        // Arrange: an open visit of 300.00 class A at the hospital; the person has 1,000.00 in the account.
        var person = await _node.AddPersonAsync(balanceFen: BalanceFen);
        var visit = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);
        using var anonymous = _node.Anonymous();

        // Act
        await RpcAssert.FailsAsync(
            StatusCode.Unauthenticated,
            "NO_IDENTITY",
            () => new SettlementService.SettlementServiceClient(anonymous).SettleAsync(_node.NewSettle(person, visit, useAccount: true)).ResponseAsync);

        // Assert: no accumulator, no account, the visit still open with its 30,000 of fees.
        var state = await _node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(Adjudication.Domain.Settlement.YearAccumulators.Empty, state.Accumulators);
        Assert.Equal(BalanceFen, state.Balance.Fen);
        var stored = await _node.ReadVisitAsync(person.PsnNo, visit);
        Assert.Equal((Domain.Visits.VisitStatus.Open, string.Empty, 30_000L), (stored!.Status, stored.SetlId, stored.Totals.MedFeeSum.Fen));
    }

    [Fact]
    public async Task HealthCheck_WithoutClientCertificate_AnswersServing()
    {
        // Arrange
        using var anonymous = _node.Anonymous();

        // Act
        var health = await new Health.HealthClient(anonymous).CheckAsync(new HealthCheckRequest());

        // Assert: health is open to anyone (DESIGN.md §8).
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task Settle_OtherInstitutionsCertificateWithThisInstitutionsCode_PermissionDeniedInstitutionMismatch()
    {
        // Arrange: the tertiary hospital's open visit (300.00 class A).
        var person = await _node.AddPersonAsync(balanceFen: BalanceFen);
        var visit = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);
        var asOtherHospital = new SettlementService.SettlementServiceClient(_node.As(CallerIdentity.Institution(OtherHospital)));

        // Act: the other hospital's terminal sends the tertiary hospital's code.
        var failure = await RpcAssert.FailsAsync(
            StatusCode.PermissionDenied,
            "INSTITUTION_MISMATCH",
            () => asOtherHospital.SettleAsync(_node.NewSettle(person, visit, useAccount: true, hospital: Hospital)).ResponseAsync);

        // Assert: nothing moved and the visit is still open; its own hospital then settles it as usual.
        Assert.Contains(OtherHospital, failure.Message, StringComparison.Ordinal);
        var state = await _node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(Adjudication.Domain.Settlement.YearAccumulators.Empty, state.Accumulators);
        Assert.Equal(BalanceFen, state.Balance.Fen);
        var stored = await _node.ReadVisitAsync(person.PsnNo, visit);
        Assert.Equal((Domain.Visits.VisitStatus.Open, string.Empty), (stored!.Status, stored.SetlId));
        var settled = await _node.Settlement.SettleAsync(_node.NewSettle(person, visit));
        Assert.Equal(OutpatientHifpFen, settled.Split.HifpPay);
        Assert.Equal(OutpatientHifpFen, (await _node.ReadPersonAsync(person.PsnNo)).Accumulators.BasicPaid.Fen);
    }

    [Fact]
    public async Task CancelSettlement_OtherInstitutionsCertificateWithThisInstitutionsCode_PermissionDeniedAndSettlementStands()
    {
        // Arrange: settled at the tertiary hospital, 300.00 class A, nothing from the account: dedc 20,000, hifp 5,500.
        var person = await _node.AddPersonAsync(balanceFen: BalanceFen);
        var visit = await _node.OpenVisitAsync(person, MedType.GeneralOutpatient, [Line("1", ClassA, 300.00m, 1m)]);
        var settled = await _node.Settlement.SettleAsync(_node.NewSettle(person, visit));
        var afterSettle = await _node.ReadPersonAsync(person.PsnNo);
        var asOtherHospital = new SettlementService.SettlementServiceClient(_node.As(CallerIdentity.Institution(OtherHospital)));
        var cancel = new CancelSettlementRequest
        {
            Msgid = _node.NextMsgid(Hospital), FixmedinsCode = Hospital, PsnNo = person.PsnNo, InsuplcAdmdvs = City, MdtrtId = visit, SetlId = settled.SetlId,
        };

        // Act: the other hospital's certificate, the tertiary hospital's code.
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "INSTITUTION_MISMATCH", () => asOtherHospital.CancelSettlementAsync(cancel).ResponseAsync);

        // Assert: the settlement stands, to the fen.
        var state = await _node.ReadPersonAsync(person.PsnNo);
        Assert.Equal(afterSettle.Accumulators, state.Accumulators);
        Assert.Equal(OutpatientDeductibleFen, state.Accumulators.DeductibleUsed.Fen);
        Assert.Equal(OutpatientHifpFen, state.Accumulators.BasicPaid.Fen);
        Assert.Equal(BalanceFen, state.Balance.Fen);
        var stored = await _node.ReadVisitAsync(person.PsnNo, visit);
        Assert.Equal((Domain.Visits.VisitStatus.Settled, settled.SetlId), (stored!.Status, stored.SetlId));
    }

    [Fact]
    public async Task PublishCatalog_ByHospital_PermissionDeniedCallerNotAllowedAndCatalogUnchanged()
    {
        // Arrange: a version that would swap class A and class C from February on.
        var forged = SwappedCatalog("2026.02h", "2026-02-01");
        var asHospital = new CatalogService.CatalogServiceClient(_node.As(CallerIdentity.Institution(Hospital)));

        // Act
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "CALLER_NOT_ALLOWED", () => asHospital.PublishCatalogAsync(forged));

        // Assert
        await AssertCatalogUnchangedAsync(_node, forged.CatalogVersion);
    }

    [Fact]
    public async Task PublishCatalog_ByCityAgency_PermissionDeniedAgencyMismatchAndCatalogUnchanged()
    {
        // Arrange: the city's own agency, not the province's.
        var forged = SwappedCatalog("2026.02a", "2026-02-01");
        var asCityAgency = new CatalogService.CatalogServiceClient(_node.As(TerminalInvoker.AgencyOf(City)));

        // Act
        var failure = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "AGENCY_MISMATCH", () => asCityAgency.PublishCatalogAsync(forged));

        // Assert
        Assert.Contains("140000", failure.Message, StringComparison.Ordinal);
        await AssertCatalogUnchangedAsync(_node, forged.CatalogVersion);
    }

    [Fact]
    public async Task RegisterFiling_ByAgencyOfAnotherCity_PermissionDeniedAgencyMismatchAndNoFiling()
    {
        // Arrange: a Taiyuan person; Jinzhong's agency files a referral to Beijing for them at Taiyuan's node.
        var person = await _node.AddPersonAsync();
        var asJinzhongAgency = new FilingService.FilingServiceClient(_node.As(TerminalInvoker.AgencyOf("140700")));
        var request = new RegisterFilingRequest
        {
            Msgid = _node.NextMsgid("A14070000001"), PsnNo = person.PsnNo, InsuplcAdmdvs = City,
            FilingClass = FilingClass.Referral, DestAdmdvs = "110000", Begndate = "2026-06-01",
        };

        // Act
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "AGENCY_MISMATCH", () => asJinzhongAgency.RegisterFilingAsync(request).ResponseAsync);

        // Assert: Taiyuan's own agency sees no filing, and the person's stored record holds none.
        var history = await _node.Filing.ListFilingHistoryAsync(new ListFilingHistoryRequest { PsnNo = person.PsnNo, InsuplcAdmdvs = City });
        Assert.Empty(history.Versions);
        Assert.Empty((await _node.ReadPersonAsync(person.PsnNo)).Filings);
    }

    [Fact]
    public async Task BuildAsync_PlaintextOnNonLoopbackAddress_ThrowsNodeConfigurationException()
    {
        // Arrange: development mode asked for on every interface; a store that is not there (nothing may connect first).
        var options = Unstartable("http://0.0.0.0:0", plaintext: true);

        // Act
        var refused = await Assert.ThrowsAsync<NodeConfigurationException>(() => NodeHost.BuildAsync(options, [], logging: l => l.ClearProviders()));

        // Assert
        Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);
        Assert.Contains("adjudication certs", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_HttpsWithoutTlsFiles_ThrowsNodeConfigurationException()
    {
        // Arrange
        var options = Unstartable("https://127.0.0.1:0", plaintext: false);

        // Act
        var refused = await Assert.ThrowsAsync<NodeConfigurationException>(() => NodeHost.BuildAsync(options, [], logging: l => l.ClearProviders()));

        // Assert
        Assert.Contains("no certificate", refused.Message, StringComparison.Ordinal);
        Assert.Contains("adjudication certs", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_HttpWithoutPlaintextMode_ThrowsNodeConfigurationException()
    {
        // Arrange: loopback, but the development mode was not asked for.
        var options = Unstartable("http://127.0.0.1:0", plaintext: false);

        // Act
        var refused = await Assert.ThrowsAsync<NodeConfigurationException>(() => NodeHost.BuildAsync(options, [], logging: l => l.ClearProviders()));

        // Assert
        Assert.Contains("plaintext", refused.Message, StringComparison.Ordinal);
        Assert.Contains("adjudication certs", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://x@127.0.0.1:0")]
    [InlineData("http://0.0.0.0@127.0.0.1:0")]
    [InlineData("http://127.0.0.1:0/;http://0.0.0.0:0")]
    [InlineData("http://127.0.0.1:0/?x=;http://0.0.0.0:0")]
    [InlineData("http://127.0.0.1:0/#;http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://localhost.example.com:0")]
    public async Task BuildAsync_PlaintextUrlThatKestrelWouldBindOffLoopback_ThrowsNodeConfigurationException(string url)
    {
        // Arrange: forms a URL parser reads as loopback (or as one URL) but Kestrel binds to every interface.
        var options = Unstartable(url, plaintext: true);

        // Act + Assert
        await Assert.ThrowsAsync<NodeConfigurationException>(() => NodeHost.BuildAsync(options, [], logging: l => l.ClearProviders()));
    }

    [Fact]
    public async Task BuildAsync_KestrelEndpointsInConfiguration_ThrowsNodeConfigurationException()
    {
        // Arrange: loopback plaintext, but configuration would add a listener on every interface.
        var options = Unstartable("http://127.0.0.1:0", plaintext: true);

        // Act
        var refused = await Assert.ThrowsAsync<NodeConfigurationException>(() =>
            NodeHost.BuildAsync(options, ["--Kestrel:Endpoints:open:Url=http://0.0.0.0:0"], logging: l => l.ClearProviders()));

        // Assert
        Assert.Contains("Kestrel:Endpoints", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A catalog version of the world's entries with class A and class C swapped.</summary>
    internal static PublishCatalogRequest SwappedCatalog(string version, string effectiveDate)
    {
        var request = new PublishCatalogRequest { Msgid = "A14000000000" + "20260611000000" + "0009", CatalogVersion = version, EffectiveDate = effectiveDate };
        request.Entries.AddRange(Catalog.Select(e => e.ItemClass switch
        {
            ItemClass.A => new CatalogEntry(e) { ItemClass = ItemClass.C },
            ItemClass.C => new CatalogEntry(e) { ItemClass = ItemClass.A },
            _ => e,
        }));
        return request;
    }

    /// <summary>
    /// The node still classifies by the seeded version: on the visit date and months later 2026.01 is in force, class A
    /// is A and class C is C, and the refused version id does not exist.
    /// </summary>
    internal static async Task AssertCatalogUnchangedAsync(TestNode node, string refusedVersion)
    {
        foreach (var date in new[] { "2026-06-10", "2026-12-31" })
        {
            var lookup = await node.Catalog.LookupItemsAsync(new LookupItemsRequest { Date = date, MedListCodg = { ClassA, ClassC } });
            Assert.Equal(CatalogVersion, lookup.CatalogVersion);
            Assert.Equal([(ClassA, ItemClass.A), (ClassC, ItemClass.C)], lookup.Entries.Select(e => (e.MedListCodg, e.ItemClass)));
        }

        await RpcAssert.FailsAsync(StatusCode.NotFound, "CATALOG_NOT_FOUND", async () =>
        {
            using var call = node.Catalog.DownloadCatalog(new DownloadCatalogRequest { CatalogVersion = refusedVersion });
            await foreach (var unused in call.ResponseStream.ReadAllAsync())
            {
                Assert.Fail($"version {refusedVersion} must not exist");
            }
        });
    }

    private static NodeOptions Unstartable(string url, bool plaintext) => new()
    {
        Url = url,
        Plaintext = plaintext,
        Admdvs = City,
        Redis = new RedisStoreOptions { Configuration = "127.0.0.1:1", KeyPrefix = "it" + Guid.NewGuid().ToString("N") },
    };
}
