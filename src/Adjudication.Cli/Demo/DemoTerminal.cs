using System.Globalization;
using Adjudication.Contracts.V1;

namespace Adjudication.Cli.Demo;

/// <summary>A hospital settlement terminal as the demo drives it: numbers its messages and walks a visit through the RPCs.</summary>
public sealed class DemoTerminal(SettlementService.SettlementServiceClient client, string fixmedinsCode, TimeProvider clock)
{
    private int _sequence;

    /// <summary>The institution this terminal belongs to.</summary>
    public string FixmedinsCode => fixmedinsCode;

    /// <summary>The next msgid: fixmedins_code + yyyyMMddHHmmss + 4-digit sequence.</summary>
    public string NextMsgid() =>
        string.Concat(fixmedinsCode, clock.GetLocalNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), (Interlocked.Increment(ref _sequence) % 10_000).ToString("D4", CultureInfo.InvariantCulture));

    /// <summary>Registers a visit, uploads its lines and settles it; returns the settle response.</summary>
    public async Task<SettleResponse> SettleVisitAsync(string psnNo, string insuplc, Insutype insutype, MedType medType, IEnumerable<FeeLine> lines, bool useAccount, string chronicDisease = "")
    {
        var mdtrtId = await OpenVisitAsync(psnNo, insuplc, insutype, medType, lines, chronicDisease).ConfigureAwait(false);
        var settle = new SettleRequest { Msgid = NextMsgid(), FixmedinsCode = fixmedinsCode, PsnNo = psnNo, InsuplcAdmdvs = insuplc, MdtrtId = mdtrtId, AcctUsedFlag = useAccount };
        await client.PreSettleAsync(settle);
        return await client.SettleAsync(settle);
    }

    /// <summary>Registers a visit and uploads its lines; returns the visit id.</summary>
    public async Task<string> OpenVisitAsync(string psnNo, string insuplc, Insutype insutype, MedType medType, IEnumerable<FeeLine> lines, string chronicDisease = "")
    {
        var visit = await client.RegisterVisitAsync(new RegisterVisitRequest
        {
            Msgid = NextMsgid(),
            FixmedinsCode = fixmedinsCode,
            PsnNo = psnNo,
            InsuplcAdmdvs = insuplc,
            Insutype = insutype,
            MedType = medType,
            Begntime = clock.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DiseCodg = "I25.1",
            ChronicDiseCodg = chronicDisease,
        });
        var upload = new UploadFeesRequest { Msgid = NextMsgid(), FixmedinsCode = fixmedinsCode, PsnNo = psnNo, InsuplcAdmdvs = insuplc, MdtrtId = visit.MdtrtId };
        var sn = 0;
        foreach (var line in lines)
        {
            line.FeedetlSn = (++sn).ToString("D4", CultureInfo.InvariantCulture);
            upload.FeeLines.Add(line);
        }

        await client.UploadFeesAsync(upload);
        return visit.MdtrtId;
    }

    /// <summary>A fee line from a price in yuan and a quantity.</summary>
    public static FeeLine Line(string code, decimal priceYuan, decimal quantity, bool approved = false) => new()
    {
        MedListCodg = code,
        Pric = (long)(priceYuan * 1_000_000m),
        Cnt = (long)(quantity * 1_000_000m),
        HospApprFlag = approved,
    };
}
