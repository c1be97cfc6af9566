using Adjudication.Contracts.V1;
using Adjudication.Domain.Institutions;
using Adjudication.Domain.Persons;
using Adjudication.Domain.Units;
using Adjudication.Storage;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainLevel = Adjudication.Domain.Policy.HospitalLevel;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;

namespace Adjudication.Cli.Demo;

/// <summary>
/// Seeds one municipal node with demo data: institutions of each level, persons of both insurance types, both policies
/// (through the stores: the CLI-only admin path) and the catalog (through the node's CatalogService, as a province
/// would publish it).
/// </summary>
public static class DemoSeeder
{
    /// <summary>A tertiary hospital of the demo city.</summary>
    public static string TertiaryHospital(string city) => $"H{city}00001";

    /// <summary>A secondary hospital of the demo city.</summary>
    public static string SecondaryHospital(string city) => $"H{city}00002";

    /// <summary>A primary clinic of the demo city.</summary>
    public static string PrimaryHospital(string city) => $"H{city}00003";

    /// <summary>A designated pharmacy of the demo city.</summary>
    public static string Pharmacy(string city) => $"P{city}00001";

    /// <summary>
    /// The demo persons: psn_no, name, insutype, person type, active, assistance, civil servant and supplementary scheme,
    /// balance (fen), ID card number.
    /// </summary>
    public static IReadOnlyList<(PersonProfile Profile, Money Balance, string IdCard)> Persons(string city) =>
    [
        (new PersonProfile($"{city}0000000001", city, "王建国", $"{city}19650312001X", DomainInsutype.EmployeeBasic, DomainPersonType.Retiree, true, false), new Money(356_000), $"{city}19650312001X"),
        (new PersonProfile($"{city}0000000002", city, "李娜", $"{city}19880921002X", DomainInsutype.EmployeeBasic, DomainPersonType.EmployeeInService, true, false), new Money(128_050), $"{city}198809210024"),
        (new PersonProfile($"{city}0000000003", city, "张小雨", $"{city}20180605003X", DomainInsutype.ResidentBasic, DomainPersonType.ResidentMinor, true, false), Money.Zero, $"{city}201806050031"),
        (new PersonProfile($"{city}0000000004", city, "赵秀英", $"{city}19571130004X", DomainInsutype.ResidentBasic, DomainPersonType.ResidentAdult, true, true), Money.Zero, $"{city}195711300042"),
        (new PersonProfile($"{city}0000000005", city, "刘洋", $"{city}19920214005X", DomainInsutype.ResidentBasic, DomainPersonType.ResidentAdult, false, false), Money.Zero, $"{city}199202140053"),
        // A civil servant whose employer also has a supplementary scheme: the demo policy's 320100 and 370100 layers pay for him.
        (new PersonProfile($"{city}0000000006", city, "陈明", $"{city}19790806006X", DomainInsutype.EmployeeBasic, DomainPersonType.EmployeeInService, true, false,
            CivilServant: true, EnterpriseSupplementary: true), new Money(86_000), $"{city}197908060064"),
    ];

    /// <summary>
    /// Writes institutions, persons, policies and the catalog to a stand-alone node's store (the CLI-only admin path;
    /// in a network the province publishes the catalog, see <see cref="PublishCatalogAsync"/>).
    /// </summary>
    public static async Task SeedAsync(string city, PersonStore persons, ReferenceDataStore referenceData, PolicyStore policies, CatalogStore catalogs, int generatedCatalogItems = 3_000)
    {
        await SeedCityAsync(city, persons, referenceData, policies).ConfigureAwait(false);
        var entries = DemoCatalog.Build(generatedCatalogItems)
            .Select(e => new Domain.Catalog.CatalogEntry(e.MedListCodg, e.Name, (Domain.Catalog.ItemClass)e.ItemClass, e.SelfpayBp, e.PriceCap, e.Restricted));
        await catalogs.PublishAsync(new Domain.Catalog.CatalogVersion(CatalogVersion, new DateOnly(2026, 1, 1), entries)).ConfigureAwait(false);
    }

    /// <summary>What <see cref="SeedAsync"/> writes, for the console.</summary>
    public static string Summary(string city, int generatedCatalogItems = 3_000) =>
        $"4 institutions, {Persons(city).Count} persons, 2 policies, catalog {CatalogVersion} ({DemoCatalog.Build(generatedCatalogItems).Count:N0} items)";

    /// <summary>The agency of a division in the demo: its code is "A" + admdvs + "00000", the sender part of its msgids.</summary>
    public static string AgencyCode(string admdvs) => $"A{admdvs}00000";

    private const string CatalogVersion = "2026.01";

    /// <summary>Writes a city's institutions, persons and policies to its store (the CLI-only admin path).</summary>
    public static async Task SeedCityAsync(string city, PersonStore persons, ReferenceDataStore referenceData, PolicyStore policies)
    {
        await referenceData.PutInstitutionAsync(new Institution(TertiaryHospital(city), "省人民医院", city, DomainLevel.Tertiary, true)).ConfigureAwait(false);
        await referenceData.PutInstitutionAsync(new Institution(SecondaryHospital(city), "市第二人民医院", city, DomainLevel.Secondary, true)).ConfigureAwait(false);
        await referenceData.PutInstitutionAsync(new Institution(PrimaryHospital(city), "社区卫生服务中心", city, DomainLevel.Primary, true)).ConfigureAwait(false);
        await referenceData.PutInstitutionAsync(new Institution(Pharmacy(city), "大药房连锁", city, DomainLevel.Unrated, true)).ConfigureAwait(false);
        await policies.PutAsync(DemoPolicies.Employee(city)).ConfigureAwait(false);
        await policies.PutAsync(DemoPolicies.Resident(city)).ConfigureAwait(false);
        foreach (var (profile, balance, idCard) in Persons(city))
        {
            await persons.PutAsync(profile, balance, [((int)MdtrtCertType.IdCard, idCard)]).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Publishes the central Shanxi integration zone through the Shanxi provincial node's PolicyService, as its agency
    /// does; the node hands it to each of its cities (DESIGN.md §5, §12).
    /// </summary>
    public static async Task PublishZoneAsync(Contracts.V1.Policies.PolicyService.PolicyServiceClient policy, string province)
    {
        var zone = DemoPolicies.CentralShanxi;
        await policy.PublishZoneAsync(new Contracts.V1.Policies.PublishZoneRequest
        {
            Msgid = $"{AgencyCode(province)}{DateTime.UtcNow:yyyyMMddHHmmss}0002",
            Zone = new Contracts.V1.Policies.IntegrationZone { Name = zone.Name, MemberAdmdvs = { zone.Members }, ReductionBp = zone.ReductionBp },
        });
    }

    /// <summary>Publishes the demo catalog (version 2026.01) through a node's CatalogService; a province hands it to its cities.</summary>
    public static async Task PublishCatalogAsync(CatalogService.CatalogServiceClient catalog, string region, int generatedCatalogItems = 3_000)
    {
        var publish = new PublishCatalogRequest
        {
            Msgid = $"{AgencyCode(region)}{DateTime.UtcNow:yyyyMMddHHmmss}0001",
            CatalogVersion = CatalogVersion,
            EffectiveDate = "2026-01-01",
        };
        publish.Entries.AddRange(DemoCatalog.Build(generatedCatalogItems));
        await catalog.PublishCatalogAsync(publish);
    }
}
