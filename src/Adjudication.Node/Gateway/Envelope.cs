namespace Adjudication.Node.Gateway;

/// <summary>
/// The request envelope of the national interface (NATIONAL-INTERFACE.md §1.1) as far as the node acts on it. The
/// other fields (recer_sys_code, infver, opter, signatures, ...) are accepted and not used: the caller is the client
/// certificate's, not what the envelope says.
/// </summary>
/// <param name="Infno">交易编号: the transaction.</param>
/// <param name="Msgid">发送方报文ID: the idempotency key of a mutating transaction.</param>
/// <param name="MdtrtareaAdmvs">就医地医保区划: must be this node's city or one of its counties.</param>
/// <param name="InsuplcAdmdvs">参保地医保区划: where the person is insured; empty means local (this node's city).</param>
/// <param name="FixmedinsCode">定点医药机构编号: must be the caller's certificate's code.</param>
/// <param name="Input">交易输入: the transaction's input object.</param>
internal sealed record Envelope(string Infno, string Msgid, string MdtrtareaAdmvs, string InsuplcAdmdvs, string FixmedinsCode, JsonFields Input);
