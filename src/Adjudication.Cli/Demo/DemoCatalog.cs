using Adjudication.Contracts.V1;

namespace Adjudication.Cli.Demo;

/// <summary>
/// A demo treatment catalog: a few named items the scenarios bill, plus generated drugs and service items so the
/// catalog has a realistic size (thousands of entries, about 60% class A, 30% B, 10% C, some with price caps).
/// Prices are in micros of a yuan.
/// </summary>
public static class DemoCatalog
{
    /// <summary>Named items used by the demo bills.</summary>
    public static readonly CatalogEntry[] Named =
    [
        Entry("XJ01CAA040A001010100001", "阿莫西林胶囊", ItemClass.A, 0, 0),
        Entry("XC09AAC082A001010100002", "卡托普利片", ItemClass.A, 0, 0),
        Entry("XA10BAA050A001010100003", "二甲双胍片", ItemClass.A, 0, 0),
        Entry("XL01XCA210B002010100004", "曲妥珠单抗注射液", ItemClass.B, 1_000, Yuan(5_000), restricted: true),
        Entry("XB01ACA056B001010100005", "氯吡格雷片", ItemClass.B, 1_000, 0),
        Entry("XN02BEA000C001010100006", "进口营养补充剂", ItemClass.C, 0, 0),
        Entry("001102000010000", "普通门诊诊查费", ItemClass.A, 0, Yuan(10)),
        Entry("110200005", "住院诊查费(三级)", ItemClass.A, 0, Yuan(30)),
        Entry("250101015", "血常规", ItemClass.A, 0, 0),
        Entry("210300001", "CT平扫", ItemClass.B, 1_000, Yuan(200)),
        Entry("311000005", "冠状动脉支架置入术", ItemClass.B, 2_000, Yuan(15_000)),
        Entry("C0331000001", "冠脉药物洗脱支架", ItemClass.B, 3_000, Yuan(800)),
        Entry("331601006", "腹腔镜胆囊切除术", ItemClass.A, 0, Yuan(3_000)),
        Entry("120100001", "床位费(三级)", ItemClass.A, 0, Yuan(50)),
        Entry("SJ000000001", "血液透析", ItemClass.A, 0, Yuan(450)),
    ];

    /// <summary>The named items and <paramref name="generated"/> more, deterministic for a given count.</summary>
    public static IReadOnlyList<CatalogEntry> Build(int generated = 3_000)
    {
        var entries = new List<CatalogEntry>(Named.Length + generated);
        entries.AddRange(Named);
        var random = new Random(20261124);
        for (var i = 0; i < generated; i++)
        {
            var roll = random.Next(100);
            var itemClass = roll < 60 ? ItemClass.A : roll < 90 ? ItemClass.B : ItemClass.C;
            var isDrug = i % 3 != 0;
            var code = isDrug ? $"X{(char)('A' + (i % 14))}{i:D6}A001010100{i % 1000:D3}" : $"3{i:D8}";
            var cap = random.Next(4) == 0 ? Yuan(random.Next(5, 2_000)) : 0;
            entries.Add(Entry(code, isDrug ? $"药品{i:D5}" : $"诊疗项目{i:D5}", itemClass, itemClass == ItemClass.B ? 500 * random.Next(1, 5) : 0, cap));
        }

        return entries;
    }

    private static CatalogEntry Entry(string code, string name, ItemClass itemClass, int selfpayBp, long priceCap, bool restricted = false) =>
        new() { MedListCodg = code, Name = name, ItemClass = itemClass, SelfpayBp = selfpayBp, PriceCap = priceCap, Restricted = restricted };

    private static long Yuan(long yuan) => yuan * 1_000_000;
}
