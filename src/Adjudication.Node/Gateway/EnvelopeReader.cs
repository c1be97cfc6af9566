using System.Globalization;
using System.Text.Json;
using Adjudication.Domain.Divisions;

namespace Adjudication.Node.Gateway;

/// <summary>
/// Reads the request envelope (NATIONAL-INTERFACE.md §1.1). Required here: infno (or the path's /api/{infno}), msgid,
/// mdtrtarea_admvs, fixmedins_code, inf_time (yyyy-MM-dd HH:mm:ss) and the input object. The other fields the
/// specification marks required (recer_sys_code, infver, opter_type, opter, opter_name, fixmedins_name) identify
/// nothing the node acts on and are not demanded, so a HIS that leaves one empty is still served.
/// </summary>
internal static class EnvelopeReader
{
    /// <summary>The envelope of <paramref name="root"/>; its problems are violations of <see cref="Envelope.Input"/>'s list.</summary>
    public static Envelope Read(JsonElement root, string? pathInfno)
    {
        var fields = JsonFields.Root(root);
        var infno = fields.Text("infno", 10);
        if (pathInfno is not null)
        {
            if (infno.Length == 0)
            {
                infno = pathInfno;
            }
            else if (infno != pathInfno)
            {
                fields.Problem("infno", $"is {infno} but the path names {JsonFields.Cut(pathInfno)}; send the same transaction in both");
            }
        }

        var envelope = new Envelope(
            Required(fields, "infno", infno),
            Required(fields, "msgid", fields.Text("msgid", 30)),
            Required(fields, "mdtrtarea_admvs", fields.Text("mdtrtarea_admvs", 6)),
            fields.Text("insuplc_admdvs", 6),
            Required(fields, "fixmedins_code", fields.Text("fixmedins_code", 30)),
            fields.Object("input") ?? fields);
        CheckTime(fields, Required(fields, "inf_time", fields.Text("inf_time", 19)));
        if (envelope.MdtrtareaAdmvs.Length > 0 && !Admdvs.IsValid(envelope.MdtrtareaAdmvs))
        {
            fields.Problem("mdtrtarea_admvs", "must be a 6-digit division code");
        }

        if (envelope.InsuplcAdmdvs.Length > 0 && !Admdvs.IsValid(envelope.InsuplcAdmdvs))
        {
            fields.Problem("insuplc_admdvs", "must be a 6-digit division code, or empty for a local person");
        }

        return envelope;
    }

    private static string Required(JsonFields fields, string name, string value)
    {
        if (value.Length == 0 && !fields.Violations.Any(v => v.Field == name))
        {
            fields.Problem(name, "is required");
        }

        return value;
    }

    private static void CheckTime(JsonFields fields, string value)
    {
        if (value.Length > 0 && !DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            fields.Problem("inf_time", "must be yyyy-MM-dd HH:mm:ss");
        }
    }
}
