using Adjudication.Contracts.V1;
using Adjudication.Node.Settlement;

namespace Adjudication.Node.Gateway;

/// <summary>1101 人员信息获取 → SettlementService.GetPerson (the person's insured city answers, over the network if need be).</summary>
internal sealed class PersonTransaction(VisitDesk visits)
{
    /// <summary>Reads <c>input.data</c>, asks the desk, answers <c>baseinfo</c>, one <c>insuinfo</c> row and no <c>idetinfo</c>.</summary>
    public async Task<GatewayAnswer.Output> GetAsync(GatewayCall call)
    {
        var data = call.Input.Object("data");
        var certType = data?.Code("mdtrt_cert_type") ?? 0;
        var request = new GetPersonRequest
        {
            FixmedinsCode = call.Envelope.FixmedinsCode,
            MdtrtCertType = (MdtrtCertType)certType,
            MdtrtCertNo = data?.Text("mdtrt_cert_no", 50) ?? string.Empty,
            InsuplcAdmdvs = call.Insuplc,
        };
        var certno = data?.Text("certno", 50) is { Length: > 0 } given ? given : request.MdtrtCertNo;
        var psnCertType = data?.Text("psn_cert_type", 6) is { Length: > 0 } type ? type : "01";
        var context = await call.AdmitAsync(GrpcMethods.GetPerson, request).ConfigureAwait(false);
        var person = await visits.GetPersonAsync(request, context).ConfigureAwait(false);
        return w =>
        {
            w.WriteStartObject("baseinfo");
            w.WriteString("psn_no", person.PsnNo);
            w.WriteString("psn_cert_type", psnCertType);
            w.WriteString("certno", certno);
            w.WriteString("psn_name", person.PsnName);
            // Sex, ethnicity and birth date are not held by the network (DESIGN.md §12): empty, and age 0.
            w.WriteString("gend", string.Empty);
            w.WriteString("naty", string.Empty);
            w.WriteString("brdy", string.Empty);
            w.WriteNumber("age", 0);
            w.WriteEndObject();
            w.WriteStartArray("insuinfo");
            w.WriteStartObject();
            w.Money("balc", person.Balc);
            w.WriteString("insutype", ((int)person.Insutype).ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("psn_type", ((int)person.PsnType).ToString(System.Globalization.CultureInfo.InvariantCulture));
            // 表 psn_insu_stas: 1 正常参保; an inactive person is 2 暂停参保.
            w.WriteString("psn_insu_stas", person.InsuredActive ? "1" : "2");
            w.WriteString("cvlserv_flag", person.CvlservFlag ? "1" : "0");
            w.WriteString("insuplc_admdvs", person.InsuplcAdmdvs);
            w.WriteString("emp_name", string.Empty);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("idetinfo");
            w.WriteEndArray();
        };
    }
}
