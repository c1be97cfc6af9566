using Adjudication.Domain.Catalog;
using Adjudication.Domain.Classification;
using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Persons;
using Adjudication.Domain.Policy;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Tests.Support;

/// <summary>
/// Shared builders: a Taiyuan (140100) employee 310 policy and resident 390 policy with realistic figures, and the
/// small helpers the tests use to build items, inputs, persons and filings. All money is in fen.
/// </summary>
public static class TestPolicies
{
    /// <summary>Taiyuan, where every test person is insured.</summary>
    public const string Taiyuan = "140100";

    /// <summary>The central Shanxi city cluster: Taiyuan, Xinzhou, Yangquan, Jinzhong, Lüliang.</summary>
    public static readonly IntegrationZone ShanxiCentral = new(
        "山西中部城市群", ["140100", "140900", "140300", "140700", "141100"], ReductionBp: 500);

    /// <summary>Reductions within the field caps: referral/emergency 0 in province, 10 points across; other temporary 10 in / 20 across.</summary>
    public static readonly IReadOnlyList<Reduction> Reductions =
    [
        new(FilingClass.Referral, Scope.InProvince, 0),
        new(FilingClass.Referral, Scope.CrossProvince, 1_000),
        new(FilingClass.Emergency, Scope.InProvince, 0),
        new(FilingClass.Emergency, Scope.CrossProvince, 1_000),
        new(FilingClass.OtherTemporary, Scope.InProvince, 1_000),
        new(FilingClass.OtherTemporary, Scope.CrossProvince, 2_000),
    ];

    /// <summary>
    /// Employee basic (310): inpatient 80% (tertiary 85%, retirees 88%, tertiary retirees 90%); inpatient deductible
    /// 1200 yuan per visit at tertiary hospitals, 800 elsewhere; outpatient 50% after 1800 yuan a year; basic band
    /// limit and ceiling 120,000 yuan; large-amount (大额) 90% above the band limit, up to 400,000 yuan a year.
    /// </summary>
    public static SettlementPolicy Employee() => new(
        InsuplcAdmdvs: Taiyuan,
        Insutype: Insutype.EmployeeBasic,
        Version: 1,
        Deductibles:
        [
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, new Money(120_000), DeductibleBasis.PerVisit),
            new(MedGroup.Inpatient, null, new Money(80_000), DeductibleBasis.PerVisit),
            new(MedGroup.Outpatient, null, new Money(180_000), DeductibleBasis.Yearly),
        ],
        Ratios:
        [
            new(MedGroup.Outpatient, null, null, 5_000),
            new(MedGroup.ChronicOutpatient, null, null, 7_500),
            new(MedGroup.Inpatient, null, null, 8_000),
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, null, 8_500),
            new(MedGroup.Inpatient, null, PersonType.Retiree, 8_800),
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, PersonType.Retiree, 9_000),
            new(MedGroup.Pharmacy, null, null, 5_000),
        ],
        Reductions: Reductions,
        FundLayers:
        [
            FundLayer.Basic(FundPayType.EmployeePool, new Money(12_000_000), new Money(12_000_000)),
            FundLayer.LargeAmount([new Band(12_000_000, long.MaxValue, 9_000)], new Money(40_000_000)),
        ]);

    /// <summary>
    /// Resident basic (390): inpatient 80% (tertiary 70%); inpatient deductible 1000 yuan per visit at tertiary
    /// hospitals, 500 elsewhere; outpatient 50% after 200 yuan a year; basic band limit and ceiling 150,000 yuan;
    /// critical illness (大病) above 15,000 yuan of yearly in-scope burden: 60% to 100,000, 70% to 200,000, 80% above,
    /// up to 400,000 yuan a year; medical assistance 70% of the remaining in-scope burden, up to 30,000 yuan a year.
    /// </summary>
    public static SettlementPolicy Resident() => new(
        InsuplcAdmdvs: Taiyuan,
        Insutype: Insutype.ResidentBasic,
        Version: 1,
        Deductibles:
        [
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, new Money(100_000), DeductibleBasis.PerVisit),
            new(MedGroup.Inpatient, null, new Money(50_000), DeductibleBasis.PerVisit),
            new(MedGroup.Outpatient, null, new Money(20_000), DeductibleBasis.Yearly),
        ],
        Ratios:
        [
            new(MedGroup.Outpatient, null, null, 5_000),
            new(MedGroup.ChronicOutpatient, null, null, 6_000),
            new(MedGroup.Inpatient, null, null, 8_000),
            new(MedGroup.Inpatient, HospitalLevel.Tertiary, null, 7_000),
            new(MedGroup.Pharmacy, null, null, 5_000),
        ],
        Reductions: Reductions,
        FundLayers:
        [
            FundLayer.Basic(FundPayType.ResidentPool, new Money(15_000_000), new Money(15_000_000)),
            FundLayer.CriticalIllness(
                [
                    new Band(1_500_000, 10_000_000, 6_000),
                    new Band(10_000_000, 20_000_000, 7_000),
                    new Band(20_000_000, long.MaxValue, 8_000),
                ],
                new Money(40_000_000)),
            FundLayer.Assistance(7_000, new Money(3_000_000)),
        ]);

    /// <summary>
    /// Civil-servant subsidy (公务员医疗补助, 320100) for civil servants: 50% of the in-scope burden the layers before it
    /// left in this settlement, up to 50,000 yuan a year.
    /// </summary>
    public static readonly FundLayer CivilServantSubsidy = new(
        FundPayType.CivilServantSubsidy, FundCoverage.CivilServants, FundMeasure.VisitBurden, [new Band(0, long.MaxValue, 5_000)], new Money(5_000_000));

    /// <summary>
    /// Enterprise supplementary insurance (企业补充医疗保险, 370100) for employees of enterprises with a scheme: 60% of the
    /// yearly in-scope burden the layers before it left, above 1,000 yuan, up to 100,000 yuan a year.
    /// </summary>
    public static readonly FundLayer EnterpriseSupplementary = new(
        FundPayType.EnterpriseSupplementary, FundCoverage.EnterpriseSupplementary, FundMeasure.CumulativeBurden, [new Band(100_000, long.MaxValue, 6_000)], new Money(10_000_000));

    /// <summary>The employee policy with the civil-servant subsidy and the enterprise supplementary layer after large-amount.</summary>
    public static SettlementPolicy EmployeeWithSubsidies() => Employee() with
    {
        FundLayers = [.. Employee().FundLayers, CivilServantSubsidy, EnterpriseSupplementary],
    };

    /// <summary>The basic fund of either test policy: the employee (310100) or the resident (390100) pooled fund.</summary>
    public static readonly FundPayType[] BasicFunds = [FundPayType.EmployeePool, FundPayType.ResidentPool];

    /// <summary>The second layer of either test policy: large-amount (330100) or critical illness (390200).</summary>
    public static readonly FundPayType[] SecondLayers = [FundPayType.LargeAmount, FundPayType.CriticalIllness];

    /// <summary>The policy with <paramref name="layer"/> in place of its layer of the same fund type, or appended.</summary>
    public static SettlementPolicy WithLayer(SettlementPolicy policy, FundLayer layer)
    {
        var layers = policy.FundLayers.ToList();
        var at = layers.FindIndex(l => l.FundPayType == layer.FundPayType);
        if (at < 0)
        {
            layers.Add(layer);
        }
        else
        {
            layers[at] = layer;
        }

        return policy with { FundLayers = layers };
    }

    /// <summary>Item totals from their four parts; <c>medfee_sumamt</c> is their sum (DESIGN.md §4.1).</summary>
    public static ItemTotals Items(long fullOwnPay, long overLimit, long preSelfPay, long inScope) => new(
        new Money(checked(fullOwnPay + overLimit + preSelfPay + inScope)),
        new Money(fullOwnPay),
        new Money(overLimit),
        new Money(preSelfPay),
        new Money(inScope));

    /// <summary>
    /// Year-to-date accumulators, all in fen, named as before fund layers were data: the basic and second-layer amounts
    /// are put under the layer of each test policy (an accumulator of a layer a policy lacks is never read), and the
    /// burden under both the policy-wide accumulator and critical illness's own measure, which are the same amount when
    /// critical illness follows the basic fund.
    /// </summary>
    public static YearAccumulators Year(
        long deductibleUsed = 0,
        long eligibleCumulative = 0,
        long basicPaid = 0,
        long burdenCumulative = 0,
        long secondLayerPaid = 0,
        long assistancePaid = 0) => YearAccumulators.Of(
        new(AccumulatorId.DeductibleUsed, new Money(deductibleUsed)),
        new(AccumulatorId.EligibleCumulative, new Money(eligibleCumulative)),
        new(AccumulatorId.PaidBy(FundPayType.EmployeePool), new Money(basicPaid)),
        new(AccumulatorId.PaidBy(FundPayType.ResidentPool), new Money(basicPaid)),
        new(AccumulatorId.BurdenCumulative, new Money(burdenCumulative)),
        new(AccumulatorId.BurdenOf(FundPayType.CriticalIllness), new Money(burdenCumulative)),
        new(AccumulatorId.PaidBy(FundPayType.LargeAmount), new Money(secondLayerPaid)),
        new(AccumulatorId.PaidBy(FundPayType.CriticalIllness), new Money(secondLayerPaid)),
        new(AccumulatorId.PaidBy(FundPayType.MedicalAssistance), new Money(assistancePaid)));

    /// <summary>A local visit: no filing, no reduction.</summary>
    public static readonly EligibilityDecision Local = new(Scope.Local, FilingClass.None, IntegrationZone: false, ReductionBp: 0);

    /// <summary>A settlement input with the defaults most tests want: local, no account, no assistance, nothing used this year.</summary>
    public static SettlementInput Input(
        ItemTotals items,
        MedType medType = MedType.Inpatient,
        HospitalLevel level = HospitalLevel.Tertiary,
        PersonType personType = PersonType.EmployeeInService,
        YearAccumulators? year = null,
        EligibilityDecision? eligibility = null,
        bool useAccount = false,
        long accountBalance = 0,
        bool assistanceEligible = false,
        bool civilServant = false,
        bool enterpriseSupplementary = false) => new(
        items,
        medType,
        level,
        personType,
        assistanceEligible,
        eligibility ?? Local,
        useAccount,
        new Money(accountBalance),
        year ?? YearAccumulators.Empty,
        civilServant,
        enterpriseSupplementary);

    /// <summary>A person insured in Taiyuan.</summary>
    public static PersonProfile Person(bool active = true, Insutype insutype = Insutype.EmployeeBasic) => new(
        PsnNo: "14010000000000000001",
        InsuplcAdmdvs: Taiyuan,
        Name: "张三",
        CertNo: "140105199001011234",
        Insutype: insutype,
        PersonType: insutype == Insutype.EmployeeBasic ? PersonType.EmployeeInService : PersonType.ResidentAdult,
        InsuredActive: active,
        AssistanceEligible: false);

    /// <summary>A filing of the test person; <paramref name="end"/> null means long-term.</summary>
    public static Filing Filing(
        FilingClass filingClass,
        string destination,
        DateOnly begin,
        DateOnly? end,
        FilingStatus status = FilingStatus.Active,
        string chronicDiseaseCode = "",
        string id = "BA140100000001") => new(
        FilingId: id,
        Version: 1,
        PsnNo: "14010000000000000001",
        InsuplcAdmdvs: Taiyuan,
        Class: filingClass,
        DestAdmdvs: destination,
        BeginDate: begin,
        EndDate: end,
        Status: status,
        ChronicDiseaseCode: chronicDiseaseCode,
        UpdatedAt: new DateTimeOffset(begin, TimeOnly.MinValue, TimeSpan.FromHours(8)));

    /// <summary>A catalog entry; price cap in micros of a yuan (0 = none).</summary>
    public static CatalogEntry Entry(ItemClass itemClass, int selfPayBp = 0, long priceCapMicros = 0, bool restricted = false) =>
        new("XB01AC-A001-B001", "测试项目", itemClass, selfPayBp, priceCapMicros, restricted);

    /// <summary>A fee line dated 2026-03-10; price and quantity in micros, sent amount in fen (0 = not sent).</summary>
    public static FeeLine Line(long priceMicros, long quantityMicros, long sentAmountFen = 0, bool approved = false) =>
        new("1", "XB01AC-A001-B001", priceMicros, quantityMicros, sentAmountFen, new DateOnly(2026, 3, 10), approved);
}
