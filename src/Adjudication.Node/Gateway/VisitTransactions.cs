using Adjudication.Contracts.V1;
using Adjudication.Node.Settlement;

namespace Adjudication.Node.Gateway;

/// <summary>
/// 2201 门诊挂号 and 2401 入院办理 → SettlementService.RegisterVisit; 2402 出院办理 → SettlementService.Discharge.
/// The national 2201 carries no med_type (2203 or the settlement does); the node needs it when the visit opens, so
/// 2201 takes <c>med_type</c> from its data when sent and 11 (普通门诊) otherwise.
/// </summary>
internal sealed class VisitTransactions(VisitDesk visits)
{
    /// <summary>2201: <c>input.data</c> → <c>output.data</c> (mdtrt_id, psn_no, ipt_otp_no).</summary>
    public async Task<GatewayAnswer.Output> RegisterOutpatientAsync(GatewayCall call)
    {
        var data = call.Input.Object("data");
        var medType = data?.Code("med_type") is > 0 and var given ? given : (int)MedType.GeneralOutpatient;
        var request = Registration(call, data, medType);
        request.DiseCodg = data?.Text("dise_codg") ?? string.Empty;
        var iptOtpNo = data?.Text("ipt_otp_no") ?? string.Empty;
        var context = await call.AdmitAsync(GrpcMethods.RegisterVisit, request).ConfigureAwait(false);
        var visit = await visits.RegisterAsync(request, context).ConfigureAwait(false);
        return w =>
        {
            w.WriteStartObject("data");
            w.WriteString("mdtrt_id", visit.MdtrtId);
            w.WriteString("psn_no", request.PsnNo);
            w.WriteString("ipt_otp_no", iptOtpNo);
            w.WriteEndObject();
        };
    }

    /// <summary>2401: <c>input.mdtrtinfo</c> (diseinfo is accepted and not kept) → <c>output.result</c> (mdtrt_id).</summary>
    public async Task<GatewayAnswer.Output> AdmitAsync(GatewayCall call)
    {
        var info = call.Input.Object("mdtrtinfo");
        var request = Registration(call, info, info?.Code("med_type") ?? 0);
        request.DiseCodg = info?.Text("dscg_maindiag_code", 20) ?? string.Empty;
        InsideInput.RequireSameDivisions(call, info);
        var context = await call.AdmitAsync(GrpcMethods.RegisterVisit, request).ConfigureAwait(false);
        var visit = await visits.RegisterAsync(request, context).ConfigureAwait(false);
        return w =>
        {
            w.WriteStartObject("result");
            w.WriteString("mdtrt_id", visit.MdtrtId);
            w.WriteEndObject();
        };
    }

    /// <summary>2402: <c>input.dscginfo</c> → no output.</summary>
    public async Task<GatewayAnswer.Output> DischargeAsync(GatewayCall call)
    {
        var info = call.Input.Object("dscginfo");
        var request = new DischargeRequest
        {
            Msgid = call.Envelope.Msgid,
            FixmedinsCode = call.Envelope.FixmedinsCode,
            PsnNo = info?.Text("psn_no") ?? string.Empty,
            InsuplcAdmdvs = call.Insuplc,
            MdtrtId = info?.Text("mdtrt_id") ?? string.Empty,
            Endtime = info?.Text("endtime", 19) ?? string.Empty,
        };
        await call.AdmitAsync(GrpcMethods.Discharge, request).ConfigureAwait(false);
        await visits.DischargeAsync(request).ConfigureAwait(false);
        return static _ => { };
    }

    private static RegisterVisitRequest Registration(GatewayCall call, JsonFields? data, int medType)
    {
        var request = new RegisterVisitRequest
        {
            Msgid = call.Envelope.Msgid,
            FixmedinsCode = call.Envelope.FixmedinsCode,
            PsnNo = data?.Text("psn_no") ?? string.Empty,
            InsuplcAdmdvs = call.Insuplc,
            Insutype = (Insutype)(data?.Code("insutype") ?? 0),
            MedType = (MedType)medType,
            Begntime = data?.Text("begntime", 19) ?? string.Empty,
            MdtrtareaAdmvs = call.Envelope.MdtrtareaAdmvs,
        };

        // 门诊慢特病 (med_type 14): the disease is the national 门慢门特 code (opsp_dise_code), else dise_codg.
        if (request.MedType == MedType.ChronicSpecialOutpatient)
        {
            request.ChronicDiseCodg = data?.Text("opsp_dise_code") is { Length: > 0 } code ? code : data?.Text("dise_codg") ?? string.Empty;
        }

        return request;
    }
}
