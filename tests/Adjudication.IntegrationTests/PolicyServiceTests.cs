using Adjudication.Contracts.V1;
using Adjudication.Contracts.V1.Policies;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Mapping;
using CsCheck;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;
using static Adjudication.IntegrationTests.Infrastructure.World;
using ContractZone = Adjudication.Contracts.V1.Policies.IntegrationZone;
using DomainPolicy = Adjudication.Domain.Policy;

namespace Adjudication.IntegrationTests;

/// <summary>
/// PolicyService over the real network (DESIGN.md §12, §5, §8): a city's agency publishes effective-dated policy
/// versions and a visit settles under the version in force at its start; a province's agency publishes an integration
/// zone once and every member city applies it. The network starts without the central Shanxi zone, so the zone test
/// sees the cities before and after its publication. Tests keep apart by city and insutype: Taiyuan 310 (versions by
/// visit date), Taiyuan 390 (msgid replay), Jinzhong 310 (refusals), Jinzhong 390 (listing), Beijing 310 (generated).
/// </summary>
public sealed class PolicyServiceTests : IAsyncLifetime
{
    private const string TaiyuanAgency = "A14010000001";
    private const string JinzhongAgency = "A14070000001";
    private const string ShanxiAgency = "A14000000001";
    private const string JinzhongCity = "140700";
    private TestNetwork? _network;

    private TestNetwork Network => _network ?? throw new InvalidOperationException("the network is not started");

    private TestNode TaiyuanNode => Network[Taiyuan];

    private TestNode JinzhongNode => Network[Jinzhong];

    /// <inheritdoc />
    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync(centralShanxiZone: false);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }
    }

    [Fact]
    public async Task Settle_VersionEffectiveNextMonth_AppliesOnlyToVisitsStartingFromItsDate()
    {
        // Arrange: Taiyuan's employee policy pays tertiary inpatient stays at 85%; version 2, published in June, pays
        // 95% from 1 July. Each bill: class A 3,000.00 = 300,000 in scope, per-visit deductible 90,000, eligible 210,000.
        var clock = (FixedClock)TaiyuanNode.Clock;
        var published = await TaiyuanNode.Policy.PublishPolicyAsync(new PublishPolicyRequest
        {
            Msgid = TaiyuanNode.NextMsgid(TaiyuanAgency),
            Policy = Proto(WithTertiaryInpatientRatio(TestPolicies.Employee(City), 9_500), "2026-07-01"),
        });
        Assert.Equal(2, published.Version);
        var inJune = await TaiyuanNode.AddPersonAsync();
        var lateJune = await TaiyuanNode.AddPersonAsync();
        var inJuly = await TaiyuanNode.AddPersonAsync();

        try
        {
            // Act: a June visit settled in June; on 3 July, a stay begun on 28 June and one begun on 2 July.
            var june = await SettleAsync(inJune, VisitTime);
            clock.Set(new DateTimeOffset(2026, 7, 3, 10, 0, 0, TimeSpan.FromHours(8)));
            var begunInJune = await SettleAsync(lateJune, "2026-06-28 09:00:00");
            var july = await SettleAsync(inJuly, "2026-07-02 09:00:00");

            // Assert: version 1 (85%) for both stays begun in June: hifp 178,500, cash 121,500, even the one settled in
            // July; version 2 (95%) for the stay begun in July: hifp 199,500, cash 100,500.
            foreach (var split in new[] { june.Split, begunInJune.Split })
            {
                Assert.Equal((8_500, 90_000L, 178_500L, 121_500L), (split.HifpRatioBp, split.ActPayDedc, split.HifpPay, split.PsnCashPay));
            }

            Assert.Equal((9_500, 90_000L, 199_500L, 100_500L), (july.Split.HifpRatioBp, july.Split.ActPayDedc, july.Split.HifpPay, july.Split.PsnCashPay));
            SplitAssert.Identities(july.Split);
        }
        finally
        {
            clock.Set(FixedClock.Default);
        }
    }

    [Fact]
    public async Task PublishPolicy_InvalidPolicy_InvalidArgumentListingEveryProblemAndNothingStored()
    {
        // Arrange: Jinzhong's employee policy with seven faults, each in another field.
        var policy = Proto(TestPolicies.Employee(JinzhongCity), "2026-13-01");
        policy.Ratios[0].RatioBp = 10_001;
        policy.Deductibles[0].Amount = -1;
        policy.Reductions[0].ReductionBp = 5_000;
        policy.FundLayers[0].YearlyCap = -1;
        policy.FundLayers[1].Bands[0].RatioBp = 12_000;
        policy.FundLayers[1].Bands.Add(new Band { Lo = 30_000_000, Hi = 40_000_000, RatioBp = 9_000 });
        var request = new PublishPolicyRequest { Msgid = JinzhongNode.NextMsgid(JinzhongAgency), Policy = policy };

        // Act
        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_REQUEST", () => JinzhongNode.Policy.PublishPolicyAsync(request).ResponseAsync);

        // Assert: every problem at once, each naming its field; the city still has only its first version.
        Assert.Equal(
            [
                "policy.deductibles[0].amount",
                "policy.effective_date",
                "policy.fund_layers[0].yearly_cap",
                "policy.fund_layers[1].bands[0].ratio_bp",
                "policy.fund_layers[1].bands[1].lo",
                "policy.ratios[0].ratio_bp",
                "policy.reductions[0].reduction_bp",
            ],
            failure.Violations.Select(v => v.Field).Order(StringComparer.Ordinal));
        var versions = await JinzhongNode.Policy.ListPolicyVersionsAsync(new ListPolicyVersionsRequest { InsuplcAdmdvs = JinzhongCity, Insutype = Contracts.V1.Insutype.EmployeeBasic });
        Assert.Equal([1L], versions.Versions.Select(v => v.Version));
    }

    [Fact]
    public async Task PublishPolicy_SameMsgidAgain_FirstAnswerOneVersionAndOtherContentRefused()
    {
        // Arrange: a new version of Taiyuan's resident policy.
        var request = new PublishPolicyRequest
        {
            Msgid = TaiyuanNode.NextMsgid(TaiyuanAgency),
            Policy = Proto(TestPolicies.Resident(City), "2026-10-01"),
        };

        // Act
        var first = await TaiyuanNode.Policy.PublishPolicyAsync(request);
        var again = await TaiyuanNode.Policy.PublishPolicyAsync(request);
        var other = request.Clone();
        other.Policy.Ratios[0].RatioBp = 4_000;
        var conflict = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "MSGID_REUSED", () => TaiyuanNode.Policy.PublishPolicyAsync(other).ResponseAsync);

        // Assert
        Assert.Equal(2, first.Version);
        Assert.Equal(first, again);
        Assert.Contains(request.Msgid, conflict.Message, StringComparison.Ordinal);
        var versions = await TaiyuanNode.Policy.ListPolicyVersionsAsync(new ListPolicyVersionsRequest { InsuplcAdmdvs = City, Insutype = Contracts.V1.Insutype.ResidentBasic });
        Assert.Equal([1L, 2L], versions.Versions.Select(v => v.Version));
        Assert.Equal(5_000, versions.Versions[1].Policy.Ratios[0].RatioBp);
    }

    [Fact]
    public async Task PublishPolicy_AgencyOfAnotherCity_PermissionDeniedAndNothingStored()
    {
        // Arrange: Jinzhong's agency at Taiyuan's node with Taiyuan's policy; Taiyuan's agency with Jinzhong's policy.
        var asJinzhong = new PolicyService.PolicyServiceClient(TaiyuanNode.As(TerminalInvoker.AgencyOf(JinzhongCity)));
        var taiyuanPolicy = new PublishPolicyRequest { Msgid = TaiyuanNode.NextMsgid(JinzhongAgency), Policy = Proto(TestPolicies.Employee(City), "2026-08-01") };
        var asTaiyuan = new PolicyService.PolicyServiceClient(TaiyuanNode.As(TerminalInvoker.AgencyOf(City)));
        var jinzhongPolicy = new PublishPolicyRequest { Msgid = TaiyuanNode.NextMsgid(TaiyuanAgency), Policy = Proto(TestPolicies.Employee(JinzhongCity), "2026-08-01") };
        var before = await ListAsync(TaiyuanNode, City, Contracts.V1.Insutype.EmployeeBasic);

        // Act
        var foreignAgency = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "AGENCY_MISMATCH", () => asJinzhong.PublishPolicyAsync(taiyuanPolicy).ResponseAsync);
        var foreignPolicy = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "AGENCY_MISMATCH", () => asTaiyuan.PublishPolicyAsync(jinzhongPolicy).ResponseAsync);

        // Assert
        Assert.Contains("140700", foreignAgency.Message, StringComparison.Ordinal);
        Assert.Contains("140700", foreignPolicy.Message, StringComparison.Ordinal);
        Assert.Equal(before, await ListAsync(TaiyuanNode, City, Contracts.V1.Insutype.EmployeeBasic));
        Assert.Equal([1L], (await ListAsync(JinzhongNode, JinzhongCity, Contracts.V1.Insutype.EmployeeBasic)).Select(v => v.Version));
    }

    [Fact]
    public async Task PublishZone_CityAgency_PermissionDeniedAtItsCityAndAtTheProvince()
    {
        // Arrange: Taiyuan's agency tries to publish the zone at its own node and at Shanxi's.
        var zone = new ContractZone { Name = "test zone of a city agency", MemberAdmdvs = { "140200", "140300" }, ReductionBp = 0 };
        var request = new PublishZoneRequest { Msgid = TaiyuanNode.NextMsgid(TaiyuanAgency), Zone = zone };
        var atCity = new PolicyService.PolicyServiceClient(TaiyuanNode.As(TerminalInvoker.AgencyOf(City)));
        var atProvince = new PolicyService.PolicyServiceClient(Network[Shanxi].As(TerminalInvoker.AgencyOf(City)));

        // Act
        var cityNode = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "CALLER_NOT_ALLOWED", () => atCity.PublishZoneAsync(request).ResponseAsync);
        var provinceNode = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "AGENCY_MISMATCH", () => atProvince.PublishZoneAsync(request).ResponseAsync);

        // Assert: refused with what to do, and the city holds no zone of that name.
        Assert.Contains("provincial node of 140000", cityNode.Message, StringComparison.Ordinal);
        Assert.Contains("agency of 140000", provinceNode.Message, StringComparison.Ordinal);
        Assert.DoesNotContain((await TaiyuanNode.Policy.ListZonesAsync(new ListZonesRequest())).Zones, z => z.Name == "test zone of a city agency");
    }

    [Fact]
    public async Task PublishZone_OnceAtProvince_EveryMemberCityOpensVisitsWithoutFilingAtTheZoneRatio()
    {
        // Arrange: an employee of each city, both without a filing; before the zone each is refused in the other city.
        var fromTaiyuan = await TaiyuanNode.AddPersonAsync();
        var fromJinzhong = await JinzhongNode.AddPersonAsync();
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "FILING_REQUIRED",
            () => JinzhongNode.Settlement.RegisterVisitAsync(JinzhongNode.NewRegistration(fromTaiyuan, MedType.Inpatient, JinzhongHospital)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "FILING_REQUIRED",
            () => TaiyuanNode.Settlement.RegisterVisitAsync(TaiyuanNode.NewRegistration(fromJinzhong, MedType.Inpatient, TaiyuanHospital)).ResponseAsync);
        var request = new PublishZoneRequest { Msgid = Network[Shanxi].NextMsgid(ShanxiAgency), Zone = CentralShanxi };

        // Act: Shanxi's agency publishes the zone once, at Shanxi; then each person is admitted in the other city.
        var published = await Network[Shanxi].Policy.PublishZoneAsync(request);
        var inJinzhong = await SettleAsync(JinzhongNode, fromTaiyuan, JinzhongHospital);
        var inTaiyuan = await SettleAsync(TaiyuanNode, fromJinzhong, TaiyuanHospital);

        // Assert: version 1 of the zone at both cities. Each stay: 300,000 in scope, deductible 90,000, R = 85% − 5
        // points for the zone = 80% → hifp 168,000, cash 132,000, no filing class.
        Assert.Equal((1L, "140000"), (published.Version, published.ProvinceAdmdvs));
        foreach (var city in new[] { TaiyuanNode, JinzhongNode })
        {
            var held = (await city.Policy.ListZonesAsync(new ListZonesRequest())).Zones.Single(z => z.Name == published.Name);
            Assert.Equal(published, held);
        }

        foreach (var split in new[] { inJinzhong.Split, inTaiyuan.Split })
        {
            Assert.True(split.IntegrationZone);
            Assert.Equal(FilingClass.Unspecified, split.FilingClass);
            Assert.Equal((8_000, 90_000L, 168_000L, 132_000L), (split.HifpRatioBp, split.ActPayDedc, split.HifpPay, split.PsnCashPay));
        }
    }

    [Fact]
    public async Task PublishZone_ReplayConflictAndNewVersion_CitiesHoldTheNewestVersion()
    {
        // Arrange: another zone of Shanxi, of two cities without a node here (Datong, Yangquan), so that Taiyuan and
        // Jinzhong stay apart for the other zone test; the province hands every zone to each of its cities.
        var province = Network[Shanxi];
        var zone = new ContractZone { Name = "大同阳泉", MemberAdmdvs = { "140200", "140300" }, ReductionBp = 200 };
        var request = new PublishZoneRequest { Msgid = province.NextMsgid(ShanxiAgency), Zone = zone };

        // Act
        var first = await province.Policy.PublishZoneAsync(request);
        var replayed = await province.Policy.PublishZoneAsync(request);
        var changed = request.Clone();
        changed.Zone.ReductionBp = 100;
        var conflict = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "MSGID_REUSED", () => province.Policy.PublishZoneAsync(changed).ResponseAsync);
        changed.Msgid = province.NextMsgid(ShanxiAgency);
        var second = await province.Policy.PublishZoneAsync(changed);

        // Assert: the replay answers as the first time; the new publication is version 2 at the province and in the cities.
        Assert.Equal(1, first.Version);
        Assert.Equal(first, replayed);
        Assert.Contains(request.Msgid, conflict.Message, StringComparison.Ordinal);
        Assert.Equal((2L, 100), (second.Version, second.ReductionBp));
        foreach (var node in new[] { province, TaiyuanNode, JinzhongNode })
        {
            var held = (await node.Policy.ListZonesAsync(new ListZonesRequest())).Zones.Single(z => z.Name == zone.Name);
            Assert.Equal(second, held);
        }
    }

    [Fact]
    public async Task DistributeZone_FromProvinceOnBehalfOfCityAgency_PermissionDeniedAndNothingHeld()
    {
        // Arrange: Shanxi's node hands Taiyuan a zone, but the call carries Taiyuan's agency as its original caller.
        var fromProvince = new NetworkService.NetworkServiceClient(TaiyuanNode.As(Adjudication.Node.Security.CallerIdentity.Node(Shanxi)));
        var forged = new ContractZone { Name = "forged", MemberAdmdvs = { City, JinzhongCity }, ReductionBp = 0, Version = 9 };

        // Act
        var failure = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "AGENCY_MISMATCH",
            () => fromProvince.DistributeZoneAsync(forged, RelayHeaders(City, origin: Shanxi, TerminalInvoker.AgencyOf(City))).ResponseAsync);

        // Assert
        Assert.Contains("agency of 140000", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain((await TaiyuanNode.Policy.ListZonesAsync(new ListZonesRequest())).Zones, z => z.Name == "forged");
    }

    [Fact]
    public async Task ListPolicyVersions_AfterTwoPublications_EveryVersionListedWithItsDateAndOldOnesReadable()
    {
        // Arrange: Jinzhong's resident policy (version 1 from the seed, in force from the start) gets two more versions.
        var march = Proto(TestPolicies.Resident(JinzhongCity), "2026-03-01");
        march.Ratios[0].RatioBp = 5_500;
        var september = Proto(TestPolicies.Resident(JinzhongCity), "2026-09-01");
        september.Ratios[0].RatioBp = 6_000;

        // Act
        await JinzhongNode.Policy.PublishPolicyAsync(new PublishPolicyRequest { Msgid = JinzhongNode.NextMsgid(JinzhongAgency), Policy = march });
        await JinzhongNode.Policy.PublishPolicyAsync(new PublishPolicyRequest { Msgid = JinzhongNode.NextMsgid(JinzhongAgency), Policy = september });
        var listed = await ListAsync(JinzhongNode, JinzhongCity, Contracts.V1.Insutype.ResidentBasic);
        var first = await JinzhongNode.Policy.GetPolicyVersionAsync(new GetPolicyVersionRequest { InsuplcAdmdvs = JinzhongCity, Insutype = Contracts.V1.Insutype.ResidentBasic, Version = 1 });
        var second = await JinzhongNode.Policy.GetPolicyVersionAsync(new GetPolicyVersionRequest { InsuplcAdmdvs = JinzhongCity, Insutype = Contracts.V1.Insutype.ResidentBasic, Version = 2 });

        // Assert: three versions in publication order with their dates; each reads back as it was published.
        Assert.Equal(
            [(1L, AgencySeed.PolicyEffectiveDate, 5_000), (2L, "2026-03-01", 5_500), (3L, "2026-09-01", 6_000)],
            listed.Select(v => (v.Version, v.Policy.EffectiveDate, v.Policy.Ratios[0].RatioBp)));
        Assert.Equal(Proto(TestPolicies.Resident(JinzhongCity), AgencySeed.PolicyEffectiveDate), first.Policy);
        Assert.Equal(march, second.Policy);
        var missing = await RpcAssert.FailsAsync(StatusCode.NotFound, "POLICY_NOT_FOUND",
            () => JinzhongNode.Policy.GetPolicyVersionAsync(new GetPolicyVersionRequest { InsuplcAdmdvs = JinzhongCity, Insutype = Contracts.V1.Insutype.ResidentBasic, Version = 4 }).ResponseAsync);
        Assert.Contains("ListPolicyVersions", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishPolicy_GeneratedContent_AcceptedOrRefusedNamingFieldsNeverUnknownOrInternal()
    {
        // Arrange: Beijing's employee policy (no other test here touches it) with every number and code generated,
        // extremes included (DESIGN.md §7); a generated policy that happens to be valid is published.
        var amounts = Gen.Frequency((3, Gen.Long[-1, 60_000_000]), (1, Gen.Long), (1, Gen.OneOf(Gen.Const(long.MinValue), Gen.Const(long.MaxValue), Gen.Const(0L))));
        var codes = Gen.Frequency((3, Gen.Int[-1, 5]), (1, Gen.Int));
        var ratios = Gen.Frequency((3, Gen.Int[-1, 10_001]), (1, Gen.Int));
        var bands = from lo in amounts from hi in amounts from ratio in ratios select new Band { Lo = lo, Hi = hi, RatioBp = ratio };
        var layers =
            from type in Gen.Frequency((3, Gen.OneOf(Gen.Const(310100), Gen.Const(330100), Gen.Const(320100))), (1, Gen.Int))
            from coverage in codes
            from measure in codes
            from layerBands in bands.Array[0, 4]
            from cap in amounts
            from basic in Gen.Bool
            select new FundLayer { FundPayType = type, Coverage = (FundCoverage)coverage, Measure = (FundMeasure)measure, YearlyCap = cap, PaysAtVisitRatio = basic, Bands = { layerBands } };
        var policies =
            from layerList in layers.Array[0, 5]
            from ratio in ratios
            from medGroup in codes
            from level in codes
            from deductible in amounts
            from reduction in ratios
            from filingClass in codes
            from date in Gen.OneOf(Gen.Const("2026-08-01"), Gen.Const("0000-00-00"), Gen.Const(""))
            select new Policy
            {
                InsuplcAdmdvs = "110100",
                Insutype = Contracts.V1.Insutype.EmployeeBasic,
                EffectiveDate = date,
                Ratios = { new RatioRule { MedGroup = (MedGroup)medGroup, HospLv = (HospitalLevel)level, RatioBp = ratio } },
                Deductibles = { new DeductibleRule { MedGroup = (MedGroup)medGroup, Amount = deductible, Basis = DeductibleBasis.Yearly } },
                Reductions = { new ReductionRule { FilingClass = (FilingClass)filingClass, Scope = Scope.CrossProvince, ReductionBp = reduction } },
                FundLayers = { layerList },
            };

        // Act / Assert: an answer, or a refusal with a reason whose every field violation names its field.
        await policies.SampleAsync(
            async policy =>
            {
                try
                {
                    var beijing = Network[BeijingCity];
                    await beijing.Policy.PublishPolicyAsync(new PublishPolicyRequest { Msgid = beijing.NextMsgid("A11010000001"), Policy = policy });
                }
                catch (RpcException ex)
                {
                    Assert.False(ex.StatusCode is StatusCode.Unknown or StatusCode.Internal, $"{ex.StatusCode}: {ex.Status.Detail}");
                    var failure = RpcAssert.Describe(ex);
                    Assert.Equal(StatusCode.InvalidArgument, failure.Code);
                    Assert.NotEmpty(failure.Violations);
                    Assert.All(failure.Violations, v => Assert.StartsWith("policy.", v.Field, StringComparison.Ordinal));
                }
            },
            iter: 300,
            print: p => p.ToString());
    }

    // The contract's form of a test policy, in force from effectiveDate (yyyy-MM-dd, kept as given even when malformed).
    private static Policy Proto(DomainPolicy.SettlementPolicy policy, string effectiveDate)
    {
        var proto = PolicyMapping.ToProto(policy).Policy;
        proto.EffectiveDate = effectiveDate;
        return proto;
    }

    private static DomainPolicy.SettlementPolicy WithTertiaryInpatientRatio(DomainPolicy.SettlementPolicy policy, int ratioBp) => policy with
    {
        Ratios = [.. policy.Ratios.Select(r => r is { Group: DomainPolicy.MedGroup.Inpatient, Level: DomainPolicy.HospitalLevel.Tertiary, PersonType: null } ? r with { RatioBp = ratioBp } : r)],
    };

    private static async Task<IReadOnlyList<PolicyVersion>> ListAsync(TestNode node, string city, Contracts.V1.Insutype insutype) =>
        (await node.Policy.ListPolicyVersionsAsync(new ListPolicyVersionsRequest { InsuplcAdmdvs = city, Insutype = insutype })).Versions;

    // An inpatient stay at Taiyuan's tertiary hospital beginning at begntime: class A 3,000.00, settled.
    private async Task<SettleResponse> SettleAsync(Domain.Persons.PersonProfile person, string begntime)
    {
        var registration = TaiyuanNode.NewRegistration(person, MedType.Inpatient);
        registration.Begntime = begntime;
        var mdtrtId = (await TaiyuanNode.Settlement.RegisterVisitAsync(registration)).MdtrtId;
        await TaiyuanNode.UploadAsync(person, mdtrtId, [Line("1", ClassA, 3000.00m, 1m)]);
        return await TaiyuanNode.Settlement.SettleAsync(TaiyuanNode.NewSettle(person, mdtrtId));
    }

    // The same stay at a hospital of the node's city, for a person insured elsewhere.
    private static async Task<SettleResponse> SettleAsync(TestNode node, Domain.Persons.PersonProfile person, string hospital)
    {
        var mdtrtId = await node.OpenVisitAsync(person, MedType.Inpatient, [Line("1", ClassA, 3000.00m, 1m)], hospital);
        return await node.Settlement.SettleAsync(node.NewSettle(person, mdtrtId, hospital: hospital));
    }
}
