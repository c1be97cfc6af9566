using System.Globalization;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Institutions;

namespace Adjudication.Node.Validation;

/// <summary>
/// Collects every bad field of a request and throws once, INVALID_ARGUMENT with a BadRequest listing them all,
/// so a terminal fixes everything in one round (DESIGN.md §7).
/// </summary>
internal sealed class RequestCheck
{
    /// <summary>Most characters any identifier field may have.</summary>
    public const int MaxIdLength = 64;

    private List<FieldViolation>? _violations;

    /// <summary>The fields every terminal call for a person carries: sender, msgid, person and insured region.</summary>
    public RequestCheck TerminalCall(string fixmedinsCode, string msgid, string psnNo, string insuplcAdmdvs) =>
        Fixmedins("fixmedins_code", fixmedinsCode)
            .Msgid("msgid", msgid, fixmedinsCode)
            .Id("psn_no", psnNo)
            .Admdvs("insuplc_admdvs", insuplcAdmdvs);

    public RequestCheck Msgid(string field, string value, string? fixmedinsCode)
    {
        if (Adjudication.Domain.Visits.Msgid.Problem(value, fixmedinsCode is not null && FixmedinsCode.IsValid(fixmedinsCode) ? fixmedinsCode : null) is { } problem)
        {
            Add(field, problem);
        }

        return this;
    }

    public RequestCheck Fixmedins(string field, string value)
    {
        if (!FixmedinsCode.IsValid(value))
        {
            Add(field, "must be H (hospital) or P (pharmacy) followed by 11 digits, e.g. H11010500001");
        }

        return this;
    }

    public RequestCheck Admdvs(string field, string value)
    {
        if (!Domain.Divisions.Admdvs.IsValid(value))
        {
            Add(field, "must be a 6-digit division code (GB/T 2260), e.g. 140100");
        }

        return this;
    }

    public RequestCheck Id(string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxIdLength)
        {
            Add(field, $"is required and at most {MaxIdLength} characters");
        }

        return this;
    }

    public RequestCheck Defined(string field, bool defined, object value)
    {
        if (!defined)
        {
            Add(field, $"value {value} is not a known code");
        }

        return this;
    }

    public RequestCheck Date(string field, string value, out DateOnly date)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            Add(field, "must be a date yyyy-MM-dd");
        }

        return this;
    }

    public RequestCheck DateTime(string field, string value, out DateTime time)
    {
        if (!System.DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            Add(field, "must be a time yyyy-MM-dd HH:mm:ss (China time)");
        }

        return this;
    }

    public RequestCheck That(bool ok, string field, string description)
    {
        if (!ok)
        {
            Add(field, description);
        }

        return this;
    }

    public void Add(string field, string description) => (_violations ??= []).Add(new FieldViolation(field, description));

    public bool HasViolations => _violations is not null;

    public void ThrowIfAny(string reason = Reasons.InvalidRequest)
    {
        if (_violations is not null)
        {
            var fields = string.Join(", ", _violations.Select(v => $"{v.Field} {v.Description}"));
            throw new AdjudicationException(ErrorKind.InvalidArgument, reason, $"The request has invalid fields: {fields}. Correct them and send again.", _violations);
        }
    }
}
