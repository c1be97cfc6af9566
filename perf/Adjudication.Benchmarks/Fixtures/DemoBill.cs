using Adjudication.Cli.Demo;
using Adjudication.Domain.Catalog;
using Adjudication.Domain.Classification;
using V1 = Adjudication.Contracts.V1;

namespace Adjudication.Benchmarks.Fixtures;

/// <summary>
/// Realistic inputs shared by the benchmarks: the 3,000-item demo catalog as domain versions, and a 20-line
/// inpatient bill mixing class A, B (with self-pay share), C, price-capped, restricted and unknown codes.
/// </summary>
public static class DemoBill
{
    /// <summary>The fee date every line carries.</summary>
    public static readonly DateOnly FeeDate = new(2026, 11, 20);

    /// <summary>The demo catalog mapped to domain entries (the named items plus 3,000 generated ones).</summary>
    public static CatalogEntry[] CatalogEntries() =>
        [.. DemoCatalog.Build().Select(e => new CatalogEntry(e.MedListCodg, e.Name, (ItemClass)e.ItemClass, e.SelfpayBp, e.PriceCap, e.Restricted))];

    /// <summary>Three catalog versions in force one after another, each with the full demo catalog; the last is in force on <see cref="FeeDate"/>.</summary>
    public static CatalogSet CatalogSet(CatalogEntry[] entries) => new(
    [
        new CatalogVersion("2025.01", new DateOnly(2025, 1, 1), entries),
        new CatalogVersion("2026.01", new DateOnly(2026, 1, 1), entries),
        new CatalogVersion("2026.11", new DateOnly(2026, 11, 1), entries),
    ]);

    /// <summary>The 20-line bill; codes are picked from <paramref name="entries"/> so the mix is deterministic.</summary>
    public static FeeLine[] Lines(CatalogEntry[] entries)
    {
        var generated = entries.Skip(DemoCatalog.Named.Length).ToArray();
        var a = generated.First(e => e.Class == ItemClass.A && e.PriceCapMicros == 0);
        var aCapped = generated.First(e => e.Class == ItemClass.A && e.PriceCapMicros > 0);
        var b = generated.First(e => e.Class == ItemClass.B && e.PriceCapMicros == 0);
        var bCapped = generated.First(e => e.Class == ItemClass.B && e.PriceCapMicros > 0);
        var c = generated.First(e => e.Class == ItemClass.C);
        var lines = new List<FeeLine>
        {
            Line("110200005", Yuan(30), 10),                 // A, inpatient consultation, at cap
            Line("120100001", Yuan(60), 10),                 // A, bed, over the 50-yuan cap
            Line("250101015", Yuan(25), 3),                  // A, blood count
            Line("210300001", Yuan(240), 1),                 // B 10%, CT over the 200-yuan cap
            Line("311000005", Yuan(16_000), 1),              // B 20%, stent procedure over cap
            Line("C0331000001", Yuan(900), 1),               // B 30%, stent over cap
            Line("XL01XCA210B002010100004", Yuan(4_800), 1, approved: true),  // B restricted, approved
            Line("XL01XCA210B002010100004", Yuan(4_800), 1, approved: false), // B restricted, not approved: full own pay
            Line("XB01ACA056B001010100005", Yuan(3.5m), 28), // B 10%
            Line("XJ01CAA040A001010100001", Yuan(0.45m), 24),// A
            Line("XN02BEA000C001010100006", Yuan(180), 2),   // C: full own pay
            Line(a.Code, Yuan(12.8m), 14),
            Line(aCapped.Code, aCapped.PriceCapMicros + Yuan(3), 2),
            Line(b.Code, Yuan(56), 6),
            Line(bCapped.Code, bCapped.PriceCapMicros + Yuan(5), 3),
            Line(c.Code, Yuan(95), 1),
            Line("331601006", Yuan(2_800), 1),               // A, under cap
            Line("SJ000000001", Yuan(450), 2),               // A, at cap
            Line("XZ999999A001010100999", Yuan(66), 1),      // unknown code: full own pay
            Line("999999999", Yuan(12), 5),                  // unknown code: full own pay
        };
        for (var i = 0; i < lines.Count; i++)
        {
            lines[i] = lines[i] with { FeedetlSn = $"FD2026112000{i + 1:D2}" };
        }

        return [.. lines];
    }

    private static FeeLine Line(string code, long priceMicros, long quantity, bool approved = false) =>
        new(string.Empty, code, priceMicros, quantity * 1_000_000, 0, FeeDate, approved);

    private static long Yuan(decimal yuan) => (long)(yuan * 1_000_000m);

    /// <summary>The bill as the terminal uploads it.</summary>
    public static V1.UploadFeesRequest UploadRequest(FeeLine[] lines)
    {
        var request = new V1.UploadFeesRequest
        {
            Msgid = "H14010500001202611201030000001",
            FixmedinsCode = "H14010500001",
            PsnNo = "14010019800101123X",
            InsuplcAdmdvs = "140100",
            MdtrtId = "MD1401052026112000000042",
        };
        foreach (var line in lines)
        {
            request.FeeLines.Add(new V1.FeeLine
            {
                FeedetlSn = line.FeedetlSn,
                MedListCodg = line.Code,
                Pric = line.PriceMicros,
                Cnt = line.QuantityMicros,
                DetItemFeeSumamt = line.SentAmountFen,
                FeeOcurTime = line.FeeDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                HospApprFlag = line.Approved,
            });
        }

        return request;
    }
}
