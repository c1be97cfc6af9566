using Adjudication.Contracts.V1;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// The test world of one municipal node: Taiyuan (140100), its institutions, policies and a small treatment catalog
/// (就医地目录). Prices are micros of a yuan, quantities micros of a unit.
/// </summary>
public static class World
{
    /// <summary>Taiyuan: the node's city, where every test person is insured and treated.</summary>
    public const string City = "140100";

    /// <summary>A designated tertiary hospital (三级).</summary>
    public const string Hospital = "H14010000001";

    /// <summary>A designated secondary hospital of the same city: another institution, for identity checks.</summary>
    public const string OtherHospital = "H14010000002";

    /// <summary>An institution that is registered but not designated now: its designation is suspended (定点暂停).</summary>
    public const string UndesignatedHospital = "H14010000009";

    /// <summary>An institution code no one registered.</summary>
    public const string UnknownHospital = "H14010099999";

    /// <summary>Admission / visit time of every test visit (China time), five days before the clock's "now".</summary>
    public const string VisitTime = "2026-06-10 09:00:00";

    /// <summary>Catalog version id and its effective date.</summary>
    public const string CatalogVersion = "2026.01";

    /// <summary>Class A (甲类), no price cap: 血常规.</summary>
    public const string ClassA = "250101015";

    /// <summary>Class B (乙类) with selfpay_bp 1000 (10% 先行自付): 氯吡格雷片.</summary>
    public const string ClassB = "XB01ACA056B001010100005";

    /// <summary>Class C (丙类): fully self-paid.</summary>
    public const string ClassC = "XN02BEA000C001010100006";

    /// <summary>Class A with a price cap of 30 yuan (最高限价): 床位费(三级).</summary>
    public const string Capped = "120100001";

    /// <summary>The cap of <see cref="Capped"/> in micros.</summary>
    public const long CappedPriceCapMicros = 30_000_000;

    /// <summary>A chronic/special disease code (门诊慢特病病种): 尿毒症透析.</summary>
    public const string ChronicDisease = "M07800";

    /// <summary>The catalog entries.</summary>
    public static IReadOnlyList<CatalogEntry> Catalog { get; } =
    [
        new() { MedListCodg = ClassA, Name = "血常规", ItemClass = ItemClass.A },
        new() { MedListCodg = ClassB, Name = "氯吡格雷片", ItemClass = ItemClass.B, SelfpayBp = 1_000 },
        new() { MedListCodg = ClassC, Name = "进口营养补充剂", ItemClass = ItemClass.C },
        new() { MedListCodg = Capped, Name = "床位费(三级)", ItemClass = ItemClass.A, PriceCap = CappedPriceCapMicros },
    ];

    /// <summary>
    /// Seeds a node through its API, all calls at once: the institutions and both policies as the city's agency
    /// (<see cref="AgencySeed"/>), and the catalog through the node's CatalogService, as a province publishes it.
    /// </summary>
    public static async Task SeedAsync(TestNode node, long employeeCeilingFen = TestPolicies.DefaultEmployeeCeilingFen)
    {
        await node.WaitForStoreAsync(TimeSpan.FromSeconds(15));
        await Task.WhenAll(
            AgencySeed.DesignateAsync(node, 101, Hospital, "山西省人民医院", HospitalLevel.Tertiary),
            AgencySeed.DesignateAsync(node, 102, OtherHospital, "太原市第二人民医院", HospitalLevel.Secondary),
            DesignateSuspendedAsync(node),
            AgencySeed.PublishPolicyAsync(node, 111, TestPolicies.Employee(City, employeeCeilingFen)),
            AgencySeed.PublishPolicyAsync(node, 112, TestPolicies.Resident(City)),
            PublishCatalogAsync(node));
    }

    /// <summary>A price or quantity in micros: <c>Micros(123.45m)</c> = 123,450,000.</summary>
    public static long Micros(decimal value) => decimal.ToInt64(value * 1_000_000m);

    /// <summary>A fee line; <paramref name="amountFen"/> 0 lets the node compute the amount.</summary>
    public static FeeLine Line(string sn, string code, decimal priceYuan, decimal quantity, long amountFen = 0, bool approved = false) => new()
    {
        FeedetlSn = sn,
        MedListCodg = code,
        Pric = Micros(priceYuan),
        Cnt = Micros(quantity),
        DetItemFeeSumamt = amountFen,
        HospApprFlag = approved,
    };

    private static async Task DesignateSuspendedAsync(TestNode node)
    {
        await AgencySeed.DesignateAsync(node, 103, UndesignatedHospital, "某民营诊所", HospitalLevel.Primary);
        await AgencySeed.SuspendAsync(node, 104, UndesignatedHospital);
    }

    private static async Task PublishCatalogAsync(TestNode node)
    {
        var publish = new PublishCatalogRequest
        {
            Msgid = "A14010000000" + "20260101000000" + "0001",
            CatalogVersion = CatalogVersion,
            EffectiveDate = "2026-01-01",
        };
        publish.Entries.AddRange(Catalog);
        var published = await node.Catalog.PublishCatalogAsync(publish);
        if (published.EntryCount != Catalog.Count)
        {
            throw new InvalidOperationException($"catalog published {published.EntryCount} entries, expected {Catalog.Count}");
        }
    }
}
