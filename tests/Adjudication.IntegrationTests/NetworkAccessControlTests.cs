using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Security;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;
using static Adjudication.IntegrationTests.Infrastructure.World;
using DomainFilingStatus = Adjudication.Domain.Eligibility.FilingStatus;

namespace Adjudication.IntegrationTests;

/// <summary>
/// Who may call NetworkService (DESIGN.md §8): only a node's parent and children, each vouching for the original
/// caller; the insured city still holds that caller to its own code; a filing version comes only from the insured
/// city through a neighbour, a catalog only from the province's agency through the parent. Every refusal leaves the
/// insured city's money, the caches and the catalogs where they were.
/// </summary>
public sealed class NetworkAccessControlTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    /// <summary>A second Jinzhong hospital code, never registered: the caller a forged header claims.</summary>
    private const string OtherJinzhongHospital = "H14070000002";

    // A Taiyuan employee admitted at Jinzhong's tertiary hospital (central Shanxi zone, no filing needed): 3,000.00 of
    // class A = 300,000; per-visit deductible 90,000; eligible 210,000; R = 85% − 5 points = 80% → hifp 168,000.
    private const long InpatientFeeFen = 300_000;
    private const long ZoneHifpFen = 168_000;
    private const long BalanceFen = 100_000;

    private readonly TestNetwork _network = fixture.Network;

    private TestNode TaiyuanNode => _network[Taiyuan];

    private TestNode JinzhongNode => _network[Jinzhong];

    private TestNode BeijingNode => _network[BeijingCity];

    [Fact]
    public async Task Adjudicate_CalledDirectlyByHospital_PermissionDeniedCallerNotAllowedAndMoneyDidNotMove()
    {
        // Arrange: a Taiyuan person with 1,000.00 in the account; Jinzhong's hospital makes up a visit with a bill of
        // 500,000.00 and sends the insured-city half itself, headers and all, with the account flag set.
        var person = await TaiyuanNode.AddPersonAsync(balanceFen: BalanceFen);
        var request = Adjudication(person, "140700" + "INVENTED0001", JinzhongHospital, medfeeFen: 50_000_000, commit: true, useAccount: true);
        var asHospital = new NetworkService.NetworkServiceClient(TaiyuanNode.As(CallerIdentity.Institution(JinzhongHospital)));

        // Act
        await RpcAssert.FailsAsync(
            StatusCode.PermissionDenied,
            "CALLER_NOT_ALLOWED",
            () => asHospital.AdjudicateAsync(request, RelayHeaders("140100", origin: Jinzhong, CallerIdentity.Institution(JinzhongHospital))).ResponseAsync);

        // Assert: no accumulator, no account, no visit at the insured city.
        await AssertUntouchedAsync(person, request.Settle.MdtrtId, BalanceFen);
    }

    [Fact]
    public async Task DistributeCatalog_CalledDirectlyByHospital_PermissionDeniedCallerNotAllowedAndCatalogUnchanged()
    {
        // Arrange: a Taiyuan hospital hands Taiyuan a version that swaps class A and class C from February on.
        var forged = AccessControlTests.SwappedCatalog("2026.02n", "2026-02-01");
        var asHospital = new NetworkService.NetworkServiceClient(TaiyuanNode.As(CallerIdentity.Institution(TaiyuanHospital)));

        // Act
        await RpcAssert.FailsAsync(
            StatusCode.PermissionDenied,
            "CALLER_NOT_ALLOWED",
            () => asHospital.DistributeCatalogAsync(forged, RelayHeaders("140100", origin: Shanxi, TerminalInvoker.AgencyOf("140000"))));

        // Assert
        await AccessControlTests.AssertCatalogUnchangedAsync(TaiyuanNode, forged.CatalogVersion);
    }

    [Fact]
    public async Task PushFiling_CalledDirectlyByHospital_PermissionDeniedCallerNotAllowedAndCacheUnchanged()
    {
        // Arrange: a Jinzhong person with a referral to Beijing, held at Beijing's city node as version 1; a Beijing
        // hospital pushes a revoked version of it with a huge version number.
        var person = await JinzhongNode.AddPersonAsync();
        var real = await _network.FileAsync(person, FilingClass.Referral, "110000", "2026-06-01");
        var forged = new Filing(real) { Version = 1_000_000_000_000, Status = FilingStatus.Revoked };
        var asHospital = new NetworkService.NetworkServiceClient(BeijingNode.As(CallerIdentity.Institution(BeijingHospital)));

        // Act
        await RpcAssert.FailsAsync(
            StatusCode.PermissionDenied,
            "CALLER_NOT_ALLOWED",
            () => asHospital.PushFilingAsync(forged, RelayHeaders("110100", origin: Jinzhong)).ResponseAsync);

        // Assert
        await AssertFilingStandsAsync(person, real.FilingId);
    }

    [Theory]
    [InlineData(BeijingCity)]
    [InlineData(Jinzhong)]
    [InlineData(National)]
    [InlineData("M-999900")]
    public async Task Adjudicate_FromNodeThatIsNotANeighbour_PermissionDeniedNotANeighbourAndMoneyDidNotMove(string nodeId)
    {
        // Arrange: a Taiyuan person and a well-formed insured-city half of a Jinzhong visit, as Shanxi would relay it;
        // Taiyuan's only neighbour is P-140000. The genuine neighbour's dry run shows the content itself is acceptable.
        var person = await TaiyuanNode.AddPersonAsync(balanceFen: BalanceFen);
        var mdtrtId = "140700" + "NOTNEIGHBOUR";
        var headers = RelayHeaders("140100", origin: Jinzhong, CallerIdentity.Institution(JinzhongHospital));
        var preview = await new NetworkService.NetworkServiceClient(TaiyuanNode.As(CallerIdentity.Node(Shanxi)))
            .AdjudicateAsync(Adjudication(person, mdtrtId, JinzhongHospital, InpatientFeeFen, commit: false, useAccount: true), headers);
        Assert.Equal(ZoneHifpFen, preview.Split.HifpPay);
        var asStranger = new NetworkService.NetworkServiceClient(TaiyuanNode.As(CallerIdentity.Node(nodeId)));

        // Act: the same call, committing, from a node that is not Taiyuan's neighbour.
        var failure = await RpcAssert.FailsAsync(
            StatusCode.PermissionDenied,
            "NOT_A_NEIGHBOUR",
            () => asStranger.AdjudicateAsync(Adjudication(person, mdtrtId, JinzhongHospital, InpatientFeeFen, commit: true, useAccount: true), headers).ResponseAsync);

        // Assert
        Assert.Contains(Shanxi, failure.Message, StringComparison.Ordinal);
        await AssertUntouchedAsync(person, mdtrtId, BalanceFen);
    }

    [Fact]
    public async Task PushFiling_ForgedByNodeThatIsNotANeighbour_PermissionDeniedNotANeighbourAndCacheKeepsRealVersion()
    {
        // Arrange: a Jinzhong person with a referral to Beijing (Beijing's city node holds version 1). Jinzhong's node,
        // the insured city but not a neighbour of Beijing's city node, pushes a revoked version 1,000,000,000,000 there.
        var person = await JinzhongNode.AddPersonAsync();
        var real = await _network.FileAsync(person, FilingClass.Referral, "110000", "2026-06-01");
        var forged = new Filing(real) { Version = 1_000_000_000_000, Status = FilingStatus.Revoked };
        var asJinzhong = new NetworkService.NetworkServiceClient(BeijingNode.As(CallerIdentity.Node(Jinzhong)));

        // Act
        await RpcAssert.FailsAsync(
            StatusCode.PermissionDenied,
            "NOT_A_NEIGHBOUR",
            () => asJinzhong.PushFilingAsync(forged, RelayHeaders("110100", origin: Jinzhong)).ResponseAsync);

        // Assert: the cache still holds the real version 1, and the person can still be admitted in Beijing.
        await AssertFilingStandsAsync(person, real.FilingId);
    }

    [Fact]
    public async Task PushFiling_FromNeighbourWithOriginOtherThanInsuredCity_PermissionDeniedCallerNotAllowedAndCacheUnchanged()
    {
        // Arrange: as above, but the push comes through the genuine neighbour (Beijing's province) claiming it started
        // at Taiyuan, which does not version a Jinzhong person's filings.
        var person = await JinzhongNode.AddPersonAsync();
        var real = await _network.FileAsync(person, FilingClass.Referral, "110000", "2026-06-01");
        var forged = new Filing(real) { Version = 1_000_000_000_000, Status = FilingStatus.Revoked };
        var fromProvince = new NetworkService.NetworkServiceClient(BeijingNode.As(CallerIdentity.Node(Beijing)));

        // Act
        var failure = await RpcAssert.FailsAsync(
            StatusCode.PermissionDenied,
            "CALLER_NOT_ALLOWED",
            () => fromProvince.PushFilingAsync(forged, RelayHeaders("110100", origin: Taiyuan)).ResponseAsync);

        // Assert
        Assert.Contains("140700", failure.Message, StringComparison.Ordinal);
        await AssertFilingStandsAsync(person, real.FilingId);
    }

    [Fact]
    public async Task Adjudicate_RelayedForAnotherInstitutionThanTheSettle_PermissionDeniedInstitutionMismatchAtInsuredCity()
    {
        // Arrange: a Taiyuan person's real open visit at Jinzhong's hospital (3,000.00 class A). Shanxi, Taiyuan's
        // genuine neighbour, relays its insured-city half on behalf of another Jinzhong institution.
        var person = await TaiyuanNode.AddPersonAsync(balanceFen: BalanceFen);
        var visit = await JinzhongNode.OpenVisitAsync(person, MedType.Inpatient, [Line("1", ClassA, 3000.00m, 1m)], JinzhongHospital);
        var fromProvince = new NetworkService.NetworkServiceClient(TaiyuanNode.As(CallerIdentity.Node(Shanxi)));
        var request = Adjudication(person, visit, JinzhongHospital, InpatientFeeFen, commit: true, useAccount: true);

        // Act
        var failure = await RpcAssert.FailsAsync(
            StatusCode.PermissionDenied,
            "INSTITUTION_MISMATCH",
            () => fromProvince.AdjudicateAsync(request, RelayHeaders("140100", origin: Jinzhong, CallerIdentity.Institution(OtherJinzhongHospital))).ResponseAsync);

        // Assert: nothing moved at the insured city, the visit is still open at the treatment city, and its own
        // hospital then settles it as usual: hifp 168,000, 1,000.00 from the account.
        Assert.Contains(OtherJinzhongHospital, failure.Message, StringComparison.Ordinal);
        await AssertUntouchedAsync(person, visit, BalanceFen);
        var hospitalSide = await JinzhongNode.ReadVisitAsync(person.PsnNo, visit, person.InsuplcAdmdvs);
        Assert.Equal((Domain.Visits.VisitStatus.Open, string.Empty), (hospitalSide!.Status, hospitalSide.SetlId));
        var settled = await JinzhongNode.Settlement.SettleAsync(JinzhongNode.NewSettle(person, visit, useAccount: true, hospital: JinzhongHospital));
        Assert.Equal((ZoneHifpFen, BalanceFen), (settled.Split.HifpPay, settled.Split.AcctPay));
        var state = await TaiyuanNode.ReadPersonAsync(person.PsnNo);
        Assert.Equal((ZoneHifpFen, 0L), (state.Accumulators.BasicPaid.Fen, state.Balance.Fen));
    }

    [Fact]
    public async Task DistributeCatalog_FromParentOnBehalfOfCityAgency_PermissionDeniedAgencyMismatchAndCatalogUnchanged()
    {
        // Arrange: Taiyuan's genuine parent hands down a version that Jinzhong's city agency, not Shanxi's, published.
        var forged = AccessControlTests.SwappedCatalog("2026.02p", "2026-02-01");
        var fromProvince = new NetworkService.NetworkServiceClient(TaiyuanNode.As(CallerIdentity.Node(Shanxi)));

        // Act
        await RpcAssert.FailsAsync(
            StatusCode.PermissionDenied,
            "AGENCY_MISMATCH",
            () => fromProvince.DistributeCatalogAsync(forged, RelayHeaders("140100", origin: Shanxi, TerminalInvoker.AgencyOf("140700"))));

        // Assert
        await AccessControlTests.AssertCatalogUnchangedAsync(TaiyuanNode, forged.CatalogVersion);
    }

    [Fact]
    public async Task PublishCatalog_ByProvinceAgencyAtCityNode_PermissionDeniedCallerNotAllowedAndCatalogUnchanged()
    {
        // Arrange: the right agency at the wrong node: in a network, catalogs are published at the provincial node.
        var forged = AccessControlTests.SwappedCatalog("2026.02c", "2026-02-01");
        var asProvinceAgency = new CatalogService.CatalogServiceClient(TaiyuanNode.As(TerminalInvoker.AgencyOf("140000")));

        // Act
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "CALLER_NOT_ALLOWED", () => asProvinceAgency.PublishCatalogAsync(forged));

        // Assert
        await AccessControlTests.AssertCatalogUnchangedAsync(TaiyuanNode, forged.CatalogVersion);
    }

    [Fact]
    public async Task PushFiling_SiblingCityClaimingInsuredCityAsOrigin_PermissionDeniedNotANeighbourAndBeijingCacheUnchanged()
    {
        // Arrange: a Taiyuan person filed to Beijing (Beijing's city node holds version 1). Jinzhong's node, a child of
        // Shanxi like Taiyuan, pushes a revoked version 1,000,000,000,000 up to Shanxi claiming it started at Taiyuan.
        var person = await TaiyuanNode.AddPersonAsync();
        var real = await _network.FileAsync(person, FilingClass.Referral, "110000", "2026-06-01");
        var forged = new Filing(real) { Version = 1_000_000_000_000, Status = FilingStatus.Revoked };
        var asJinzhong = new NetworkService.NetworkServiceClient(_network[Shanxi].As(CallerIdentity.Node(Jinzhong)));

        // Act: Shanxi knows a call from Taiyuan reaches it from Taiyuan's node, not from Jinzhong's.
        var failure = await RpcAssert.FailsAsync(
            StatusCode.PermissionDenied,
            "NOT_A_NEIGHBOUR",
            () => asJinzhong.PushFilingAsync(forged, RelayHeaders("110100", origin: Taiyuan)).ResponseAsync);

        // Assert: every copy on the route still holds version 1, and Beijing admits the person on it.
        Assert.Contains(Jinzhong, failure.Message, StringComparison.Ordinal);
        foreach (var id in new[] { Shanxi, National, Beijing })
        {
            var copy = Assert.Single(await _network[id].ReadCachedFilingsAsync(person.InsuplcAdmdvs, person.PsnNo));
            Assert.Equal((1L, DomainFilingStatus.Active), (copy.Version, copy.Status));
        }

        await AssertFilingStandsAsync(person, real.FilingId);
    }

    [Fact]
    public async Task Adjudicate_ProvinceClaimingACityOfAnotherProvinceAsOrigin_PermissionDeniedNotANeighbourAndMoneyDidNotMove()
    {
        // Arrange: Beijing's provincial node sends the national node a Taiyuan person's settlement "from Jinzhong".
        var person = await TaiyuanNode.AddPersonAsync(balanceFen: BalanceFen);
        var mdtrtId = "140700" + "FORGEDORIGIN";
        var asBeijing = new NetworkService.NetworkServiceClient(_network[National].As(CallerIdentity.Node(Beijing)));
        var headers = RelayHeaders("140100", origin: Jinzhong, CallerIdentity.Institution(JinzhongHospital));

        // Act: the national node knows a call from Jinzhong reaches it from Shanxi.
        await RpcAssert.FailsAsync(
            StatusCode.PermissionDenied,
            "NOT_A_NEIGHBOUR",
            () => asBeijing.AdjudicateAsync(Adjudication(person, mdtrtId, JinzhongHospital, InpatientFeeFen, commit: true, useAccount: true), headers).ResponseAsync);

        // Assert
        await AssertUntouchedAsync(person, mdtrtId, BalanceFen);
    }

    [Fact]
    public async Task Adjudicate_SiblingCityClaimingTheInsuredCityAsOrigin_PermissionDeniedNotANeighbourAndMoneyDidNotMove()
    {
        // Arrange: Jinzhong's node sends Shanxi a Taiyuan person's settlement claiming it entered at Taiyuan itself (a
        // local visit settles at the local rate, higher than the zone rate).
        var person = await TaiyuanNode.AddPersonAsync(balanceFen: BalanceFen);
        var mdtrtId = "140100" + "FORGEDORIGIN";
        var request = Adjudication(person, mdtrtId, JinzhongHospital, InpatientFeeFen, commit: true, useAccount: true);
        request.Visit.MdtrtareaAdmvs = "140100";
        var asJinzhong = new NetworkService.NetworkServiceClient(_network[Shanxi].As(CallerIdentity.Node(Jinzhong)));

        // Act
        await RpcAssert.FailsAsync(
            StatusCode.PermissionDenied,
            "NOT_A_NEIGHBOUR",
            () => asJinzhong.AdjudicateAsync(request, RelayHeaders("140100", origin: Taiyuan, CallerIdentity.Institution(JinzhongHospital))).ResponseAsync);

        // Assert
        await AssertUntouchedAsync(person, mdtrtId, BalanceFen);
    }

    [Fact]
    public async Task DistributeCatalog_NationalNodeThroughAProvince_RefusedAndCityCatalogUnchanged()
    {
        // Arrange: the national node hands Shanxi a catalog for Taiyuan, as if the province's agency had published it.
        var forged = AccessControlTests.SwappedCatalog("2026.02n", "2026-02-01");
        var asNational = new NetworkService.NetworkServiceClient(_network[Shanxi].As(CallerIdentity.Node(National)));
        var headers = RelayHeaders("140100", origin: National, TerminalInvoker.AgencyOf("140000"));

        // Act: a province takes catalogs from no one above it and relays none.
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "NO_ROUTE", () => asNational.DistributeCatalogAsync(forged, headers));

        // Assert
        await AccessControlTests.AssertCatalogUnchangedAsync(TaiyuanNode, forged.CatalogVersion);
    }

    /// <summary>The insured-city half of an inpatient visit of class A only, treated at Jinzhong's tertiary hospital.</summary>
    private AdjudicateRequest Adjudication(Domain.Persons.PersonProfile person, string mdtrtId, string hospital, long medfeeFen, bool commit, bool useAccount) => new()
    {
        Settle = new SettleRequest
        {
            Msgid = JinzhongNode.NextMsgid(hospital),
            FixmedinsCode = hospital,
            PsnNo = person.PsnNo,
            InsuplcAdmdvs = person.InsuplcAdmdvs,
            MdtrtId = mdtrtId,
            AcctUsedFlag = useAccount,
        },
        Commit = commit,
        Visit = new VisitSummary
        {
            MdtrtId = mdtrtId,
            FixmedinsCode = hospital,
            HospLv = HospitalLevel.Tertiary,
            MdtrtareaAdmvs = "140700",
            Insutype = Insutype.EmployeeBasic,
            MedType = MedType.Inpatient,
            Begntime = VisitTime,
            DiseCodg = "I10",
            MedfeeSumamt = medfeeFen,
            InscpScpAmt = medfeeFen,
        },
    };

    /// <summary>The person's money is where it was (no accumulator, <paramref name="balanceFen"/>) and the insured city holds no such visit.</summary>
    private async Task AssertUntouchedAsync(Domain.Persons.PersonProfile person, string mdtrtId, long balanceFen)
    {
        var state = await TaiyuanNode.ReadPersonAsync(person.PsnNo);
        Assert.Equal(Domain.Settlement.YearAccumulators.Empty, state.Accumulators);
        Assert.Equal(0, state.Accumulators.BasicPaid.Fen);
        Assert.Equal(balanceFen, state.Balance.Fen);
        Assert.Null(await TaiyuanNode.ReadVisitAsync(person.PsnNo, mdtrtId));
    }

    /// <summary>Beijing's city node still holds the real version 1, active, and admits the person on it.</summary>
    private async Task AssertFilingStandsAsync(Domain.Persons.PersonProfile person, string filingId)
    {
        var cached = Assert.Single(await BeijingNode.ReadCachedFilingsAsync(person.InsuplcAdmdvs, person.PsnNo));
        Assert.Equal((filingId, 1L, DomainFilingStatus.Active), (cached.FilingId, cached.Version, cached.Status));
        var visit = await BeijingNode.RegisterVisitAsync(person, MedType.GeneralOutpatient, BeijingHospital);
        Assert.StartsWith("110100", visit, StringComparison.Ordinal);
    }
}
