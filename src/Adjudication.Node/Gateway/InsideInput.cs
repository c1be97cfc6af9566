namespace Adjudication.Node.Gateway;

/// <summary>
/// 2303, 2304 and 2401 carry insuplc_admdvs and mdtrtarea_admvs inside their input as well as in the envelope
/// (NATIONAL-INTERFACE.md §1.4). The envelope routes the call; an input that names other divisions is refused rather
/// than one of the two being believed.
/// </summary>
internal static class InsideInput
{
    /// <summary>Records a violation for each division of <paramref name="input"/> that differs from the envelope's.</summary>
    public static void RequireSameDivisions(GatewayCall call, JsonFields? input)
    {
        if (input is null)
        {
            return;
        }

        if (input.Text("insuplc_admdvs", 6) is { Length: > 0 } insuplc && insuplc != call.Insuplc)
        {
            input.Problem("insuplc_admdvs", $"is {insuplc} but the envelope's insuplc_admdvs routes the call to {call.Insuplc}; send the same division in both");
        }

        if (input.Text("mdtrtarea_admvs", 6) is { Length: > 0 } treatment && treatment != call.Envelope.MdtrtareaAdmvs)
        {
            input.Problem("mdtrtarea_admvs", $"is {treatment} but the envelope says {call.Envelope.MdtrtareaAdmvs}; send the same division in both");
        }
    }
}
