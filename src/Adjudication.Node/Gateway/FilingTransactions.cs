using Adjudication.Contracts.V1;
using Adjudication.Node.Settlement;

namespace Adjudication.Node.Gateway;

/// <summary>
/// The filing transactions an insured city's agency sends (DESIGN.md §5), on the same <see cref="FilingDesk"/> as
/// FilingService: 2501 转院备案 → RegisterFiling (class referral, destination <c>mdtrtarea_admdvs</c>), 2503 人员慢特病备案
/// → RegisterFiling (class chronic disease, <c>opsp_dise_code</c>), 2502 / 2504 备案撤销 → RevokeFiling. The filing id
/// is the national <c>trt_dcla_detl_sn</c>. The caller is the agency's certificate; its code goes in the envelope's
/// fixmedins_code, and the person's insured city in insuplc_admdvs.
/// </summary>
internal sealed class FilingTransactions(FilingDesk desk)
{
    /// <summary>2501: <c>input.refmedin</c> → <c>output.result</c> (trt_dcla_detl_sn).</summary>
    public async Task<GatewayAnswer.Output> ReferralAsync(GatewayCall call)
    {
        var refmedin = call.Input.Object("refmedin");
        var begin = refmedin?.Text("begndate", 10) is { Length: > 0 } b ? b : refmedin?.Text("refl_date", 10) ?? string.Empty;
        var request = new RegisterFilingRequest
        {
            Msgid = call.Envelope.Msgid,
            PsnNo = refmedin?.Text("psn_no") ?? string.Empty,
            InsuplcAdmdvs = call.Insuplc,
            FilingClass = FilingClass.Referral,
            DestAdmdvs = refmedin?.Text("mdtrtarea_admdvs", 6) ?? string.Empty,
            Begndate = begin,
            Enddate = refmedin?.Text("enddate", 10) ?? string.Empty,
        };
        return await RegisterAsync(call, request).ConfigureAwait(false);
    }

    /// <summary>2503: <c>input.data</c> → <c>output.result</c> (trt_dcla_detl_sn).</summary>
    public async Task<GatewayAnswer.Output> ChronicDiseaseAsync(GatewayCall call)
    {
        var data = call.Input.Object("data");
        var request = new RegisterFilingRequest
        {
            Msgid = call.Envelope.Msgid,
            PsnNo = data?.Text("psn_no") ?? string.Empty,
            InsuplcAdmdvs = call.Insuplc,
            FilingClass = FilingClass.ChronicDisease,
            ChronicDiseCodg = data?.Text("opsp_dise_code") ?? string.Empty,
            Begndate = data?.Text("begndate", 10) ?? string.Empty,
            Enddate = data?.Text("enddate", 10) ?? string.Empty,
        };
        return await RegisterAsync(call, request).ConfigureAwait(false);
    }

    /// <summary>2502 / 2504: <c>input.data</c> (trt_dcla_detl_sn, psn_no) → no output.</summary>
    public async Task<GatewayAnswer.Output> RevokeAsync(GatewayCall call)
    {
        var data = call.Input.Object("data");
        var request = new RevokeFilingRequest
        {
            Msgid = call.Envelope.Msgid,
            PsnNo = data?.Text("psn_no") ?? string.Empty,
            InsuplcAdmdvs = call.Insuplc,
            FilingId = data?.Text("trt_dcla_detl_sn") ?? string.Empty,
        };
        var context = await call.AdmitAsync(GrpcMethods.RevokeFiling, request).ConfigureAwait(false);
        await desk.RevokeAsync(request, context).ConfigureAwait(false);
        return static _ => { };
    }

    private async Task<GatewayAnswer.Output> RegisterAsync(GatewayCall call, RegisterFilingRequest request)
    {
        var context = await call.AdmitAsync(GrpcMethods.RegisterFiling, request).ConfigureAwait(false);
        var filing = await desk.RegisterAsync(request, context).ConfigureAwait(false);
        return w =>
        {
            w.WriteStartObject("result");
            w.WriteString("trt_dcla_detl_sn", filing.FilingId);
            w.WriteString("begndate", filing.Begndate);
            w.WriteString("enddate", filing.Enddate);
            w.WriteEndObject();
        };
    }
}
