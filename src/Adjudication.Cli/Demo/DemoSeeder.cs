using Adjudication.Contracts.V1;
using Adjudication.Contracts.V1.Policies;
using Adjudication.Domain.Persons;
using Adjudication.Domain.Units;
using Adjudication.Node.Mapping;
using Grpc.Core;
using Grpc.Net.Client;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;

namespace Adjudication.Cli.Demo;

/// <summary>
/// Loads the demo data through the nodes' APIs, as the agencies would (DESIGN.md §12): a city's agency designates its
/// institutions, publishes both policies, enrols the persons and credits their opening balances at the city's node;
/// a province's agency publishes the catalog and the integration zone. Every call carries a fixed msgid, so loading the
/// same data again changes nothing: the node answers each call as the first time (a person already enrolled with the
/// same data is UNCHANGED, a credit or publication under a msgid it holds is a replay), and no balance is credited twice.
/// </summary>
public static class DemoSeeder
{
    // Every seed msgid is the agency's code, this time and a sequence number that names the call.
    private const string SeedTime = "20260101000000";

    // The demo policies are in force from this date on (the API takes dates from 1900).
    private static readonly DateOnly PolicyEffectiveDate = new(2000, 1, 1);

    private const string CatalogVersion = "2026.01";

    /// <summary>Most attempts of a load the node answers UNAVAILABLE (<see cref="RetryWhileUnavailableAsync"/>).</summary>
    public const int MaxLoadAttempts = 4;

    /// <summary>A tertiary hospital of the demo city.</summary>
    public static string TertiaryHospital(string city) => $"H{city}00001";

    /// <summary>A secondary hospital of the demo city.</summary>
    public static string SecondaryHospital(string city) => $"H{city}00002";

    /// <summary>A primary clinic of the demo city.</summary>
    public static string PrimaryHospital(string city) => $"H{city}00003";

    /// <summary>A designated pharmacy of the demo city.</summary>
    public static string Pharmacy(string city) => $"P{city}00001";

    /// <summary>
    /// The demo persons: psn_no, name, ID card number (their credential for 1101), insutype, person type, active,
    /// assistance, civil servant and supplementary scheme; and the opening balance of the personal account (fen).
    /// </summary>
    public static IReadOnlyList<(PersonProfile Profile, Money Balance)> Persons(string city) =>
    [
        (new PersonProfile($"{city}0000000001", city, "王建国", $"{city}19650312001X", DomainInsutype.EmployeeBasic, DomainPersonType.Retiree, true, false), new Money(356_000)),
        (new PersonProfile($"{city}0000000002", city, "李娜", $"{city}198809210024", DomainInsutype.EmployeeBasic, DomainPersonType.EmployeeInService, true, false), new Money(128_050)),
        (new PersonProfile($"{city}0000000003", city, "张小雨", $"{city}201806050031", DomainInsutype.ResidentBasic, DomainPersonType.ResidentMinor, true, false), Money.Zero),
        (new PersonProfile($"{city}0000000004", city, "赵秀英", $"{city}195711300042", DomainInsutype.ResidentBasic, DomainPersonType.ResidentAdult, true, true), Money.Zero),
        (new PersonProfile($"{city}0000000005", city, "刘洋", $"{city}199202140053", DomainInsutype.ResidentBasic, DomainPersonType.ResidentAdult, false, false), Money.Zero),
        // A civil servant whose employer also has a supplementary scheme: the demo policy's 320100 and 370100 layers pay for him.
        (new PersonProfile($"{city}0000000006", city, "陈明", $"{city}197908060064", DomainInsutype.EmployeeBasic, DomainPersonType.EmployeeInService, true, false,
            CivilServant: true, EnterpriseSupplementary: true), new Money(86_000)),
    ];

    /// <summary>What <see cref="SeedCityAsync"/> and <see cref="PublishCatalogAsync"/> load, for the console.</summary>
    public static string Summary(string city, int generatedCatalogItems = 3_000) =>
        $"4 institutions, {Persons(city).Count} persons, 2 policies, catalog {CatalogVersion} ({DemoCatalog.Build(generatedCatalogItems).Count:N0} items)";

    /// <summary>The agency of a division in the demo: its code is "A" + admdvs + "00000", the sender part of its msgids.</summary>
    public static string AgencyCode(string admdvs) => $"A{admdvs}00000";

    /// <summary>
    /// Loads a city's institutions, policies, persons and opening balances through its node's ReferenceDataService and
    /// PolicyService; <paramref name="agency"/> is a channel to the city's node presenting the city's agency
    /// (<see cref="AgencyCode"/>). Institutions and policies go out together, then the persons in one EnrolPersons
    /// stream, then the credits together. Returns how many persons were enrolled now (0 when all were held already).
    /// </summary>
    /// <exception cref="InvalidOperationException">The node refused a demo person (e.g. another person holds the psn_no).</exception>
    public static async Task<int> SeedCityAsync(GrpcChannel agency, string city, CancellationToken cancellationToken = default)
    {
        var referenceData = new ReferenceDataService.ReferenceDataServiceClient(agency);
        var policies = new PolicyService.PolicyServiceClient(agency);
        var code = AgencyCode(city);
        await Task.WhenAll(
            DesignateAsync(referenceData, Msgid(code, 1), TertiaryHospital(city), "省人民医院", city, HospitalLevel.Tertiary, cancellationToken),
            DesignateAsync(referenceData, Msgid(code, 2), SecondaryHospital(city), "市第二人民医院", city, HospitalLevel.Secondary, cancellationToken),
            DesignateAsync(referenceData, Msgid(code, 3), PrimaryHospital(city), "社区卫生服务中心", city, HospitalLevel.Primary, cancellationToken),
            DesignateAsync(referenceData, Msgid(code, 4), Pharmacy(city), "大药房连锁", city, HospitalLevel.Unrated, cancellationToken),
            PublishAsync(policies, Msgid(code, 11), DemoPolicies.Employee(city), cancellationToken),
            PublishAsync(policies, Msgid(code, 12), DemoPolicies.Resident(city), cancellationToken)).ConfigureAwait(false);

        var persons = Persons(city);
        var enrolment = new EnrolPersonsRequest { Msgid = Msgid(code, 21) };
        enrolment.Persons.AddRange(persons.Select(p => Enrolment(p.Profile)));
        var answer = await referenceData.EnrolPersons(cancellationToken: cancellationToken).SendAllAsync([enrolment]).ConfigureAwait(false);
        if (answer.Refused > 0)
        {
            var refused = answer.RefusedRows[0];
            throw new InvalidOperationException($"The node of {city} refused {answer.Refused} demo person(s), e.g. {refused.PsnNo}: {refused.Reason}: {refused.Message}");
        }

        // One credit per person, each under its own msgid: a second load replays it instead of crediting again.
        await Task.WhenAll(persons.Select((p, i) => (p, i)).Where(x => x.p.Balance.Fen > 0).Select(x => referenceData.CreditAccountAsync(new CreditAccountRequest
        {
            Msgid = Msgid(code, 100 + x.i),
            PsnNo = x.p.Profile.PsnNo,
            InsuplcAdmdvs = city,
            Amount = x.p.Balance.Fen,
            Reason = "demo opening balance",
        }, cancellationToken: cancellationToken).ResponseAsync)).ConfigureAwait(false);
        return answer.Enrolled;
    }

    /// <summary>
    /// Runs <paramref name="load"/> again when the node answers UNAVAILABLE (its store was slow or away for a moment), at
    /// most <see cref="MaxLoadAttempts"/> times in all: the same msgids replay what got in, so nothing is loaded twice.
    /// </summary>
    public static async Task RetryWhileUnavailableAsync(Func<Task> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await load().ConfigureAwait(false);
                return;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && attempt < MaxLoadAttempts)
            {
                // Backs off before asking again; the node's answer says "retry with the same msgid shortly".
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Publishes the central Shanxi integration zone through the Shanxi provincial node's PolicyService, as its agency
    /// does; the node hands it to each of its cities (DESIGN.md §5, §12).
    /// </summary>
    public static async Task PublishZoneAsync(PolicyService.PolicyServiceClient policy, string province)
    {
        var zone = DemoPolicies.CentralShanxi;
        await policy.PublishZoneAsync(new PublishZoneRequest
        {
            Msgid = Msgid(AgencyCode(province), 2),
            Zone = new Contracts.V1.Policies.IntegrationZone { Name = zone.Name, MemberAdmdvs = { zone.Members }, ReductionBp = zone.ReductionBp },
        });
    }

    /// <summary>Publishes the demo catalog (version 2026.01) through a node's CatalogService; a province hands it to its cities.</summary>
    public static async Task PublishCatalogAsync(CatalogService.CatalogServiceClient catalog, string region, int generatedCatalogItems = 3_000)
    {
        var publish = new PublishCatalogRequest
        {
            Msgid = Msgid(AgencyCode(region), 1),
            CatalogVersion = CatalogVersion,
            EffectiveDate = "2026-01-01",
        };
        publish.Entries.AddRange(DemoCatalog.Build(generatedCatalogItems));
        await catalog.PublishCatalogAsync(publish);
    }

    /// <summary>The demo catalog in the engine's form, for a node whose province is not there to publish it.</summary>
    public static Domain.Catalog.CatalogVersion Catalog(int generatedCatalogItems = 3_000) => new(
        CatalogVersion,
        new DateOnly(2026, 1, 1),
        DemoCatalog.Build(generatedCatalogItems).Select(e => new Domain.Catalog.CatalogEntry(e.MedListCodg, e.Name, (Domain.Catalog.ItemClass)e.ItemClass, e.SelfpayBp, e.PriceCap, e.Restricted)));

    private static string Msgid(string agencyCode, int sequence) => $"{agencyCode}{SeedTime}{sequence:D4}";

    private static Task<DesignatedInstitution> DesignateAsync(
        ReferenceDataService.ReferenceDataServiceClient client, string msgid, string code, string name, string city, HospitalLevel level, CancellationToken cancellationToken) =>
        client.DesignateInstitutionAsync(new DesignateInstitutionRequest
        {
            Msgid = msgid,
            FixmedinsCode = code,
            FixmedinsName = name,
            Admdvs = city,
            HospLv = level,
            Begndate = "2020-01-01",
        }, cancellationToken: cancellationToken).ResponseAsync;

    private static Task<PolicyVersion> PublishAsync(PolicyService.PolicyServiceClient client, string msgid, Domain.Policy.SettlementPolicy policy, CancellationToken cancellationToken) =>
        client.PublishPolicyAsync(new PublishPolicyRequest
        {
            Msgid = msgid,
            Policy = PolicyMapping.ToProto(policy with { EffectiveDate = PolicyEffectiveDate }).Policy,
        }, cancellationToken: cancellationToken).ResponseAsync;

    private static PersonEnrolment Enrolment(PersonProfile profile) => new()
    {
        PsnNo = profile.PsnNo,
        InsuplcAdmdvs = profile.InsuplcAdmdvs,
        PsnName = profile.Name,
        Certno = profile.CertNo,
        Insutype = (Insutype)profile.Insutype,
        PsnType = (PersonType)profile.PersonType,
        InsuredActive = profile.InsuredActive,
        CvlservFlag = profile.CivilServant,
        EnterpriseSupplementary = profile.EnterpriseSupplementary,
        AssistanceEligible = profile.AssistanceEligible,
    };
}
