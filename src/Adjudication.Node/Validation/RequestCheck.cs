using System.Globalization;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Institutions;
using Adjudication.Node.Errors;

namespace Adjudication.Node.Validation;

/// <summary>
/// Collects every bad field of a request and throws once, INVALID_ARGUMENT with a BadRequest listing them all,
/// so a terminal fixes everything in one round (DESIGN.md §7).
/// </summary>
internal sealed class RequestCheck
{
    /// <summary>Most characters any identifier field may have.</summary>
    public const int MaxIdLength = 64;

    /// <summary>
    /// Earliest date any field may name. Dates outside [<see cref="MinDate"/>, <see cref="MaxDate"/>] are refused as
    /// malformed (DESIGN.md §7): no bill, filing or catalog is dated there, and date arithmetic on them (six months
    /// after 9999-12-31, China time of 0001-01-01 00:00 in UTC) would fail instead of refusing.
    /// </summary>
    public static readonly DateOnly MinDate = new(1900, 1, 1);

    /// <summary>Latest date any field may name; see <see cref="MinDate"/>.</summary>
    public static readonly DateOnly MaxDate = new(2199, 12, 31);

    // How many violations the message spells out; the BadRequest lists more (RpcErrors.MaxViolations).
    private const int ViolationsInMessage = 3;

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

    /// <summary>
    /// A msgid of an agency's call: well formed and sent under an agency code (A + 11 digits), so it can never take a
    /// msgid an institution will send for the same person (the two share the person's msgid records).
    /// </summary>
    public RequestCheck AgencyMsgid(string field, string value)
    {
        if (Adjudication.Domain.Visits.Msgid.Problem(value, null) is { } problem)
        {
            Add(field, problem);
        }
        else if (value[0] != 'A')
        {
            Add(field, "must start with the sending agency's code (A followed by 11 digits), not an institution's");
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

    /// <summary>An optional code or text: empty is fine, but never longer than <see cref="MaxIdLength"/>.</summary>
    public RequestCheck Optional(string field, string value)
    {
        if (value.Length > MaxIdLength)
        {
            Add(field, $"is at most {MaxIdLength} characters");
        }

        return this;
    }

    public RequestCheck Defined(string field, bool defined, object value)
    {
        if (!defined)
        {
            Add(field, $"value {Echo.Cut(Convert.ToString(value, CultureInfo.InvariantCulture))} is not a known code");
        }

        return this;
    }

    /// <summary>A date "yyyy-MM-dd" between <see cref="MinDate"/> and <see cref="MaxDate"/>.</summary>
    public RequestCheck Date(string field, string value, out DateOnly date)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) || date < MinDate || date > MaxDate)
        {
            Add(field, $"must be a date yyyy-MM-dd from {MinDate:yyyy-MM-dd} to {MaxDate:yyyy-MM-dd}");
        }

        return this;
    }

    /// <summary>A time "yyyy-MM-dd HH:mm:ss" (China time) on a date between <see cref="MinDate"/> and <see cref="MaxDate"/>.</summary>
    public RequestCheck DateTime(string field, string value, out DateTime time)
    {
        if (!System.DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
            || DateOnly.FromDateTime(time) < MinDate || DateOnly.FromDateTime(time) > MaxDate)
        {
            Add(field, $"must be a time yyyy-MM-dd HH:mm:ss (China time) from {MinDate:yyyy-MM-dd} to {MaxDate:yyyy-MM-dd}");
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

    /// <summary>How many violations were found so far.</summary>
    public int Count => _violations?.Count ?? 0;

    public void ThrowIfAny(string reason = Reasons.InvalidRequest)
    {
        if (_violations is null)
        {
            return;
        }

        var shown = string.Join("; ", _violations.Take(ViolationsInMessage).Select(v => $"{v.Field} {v.Description}"));
        var more = _violations.Count <= ViolationsInMessage ? string.Empty
            : _violations.Count <= RpcErrors.MaxViolations ? $" and {_violations.Count - ViolationsInMessage} more (see the BadRequest details)"
            : $" and {_violations.Count - ViolationsInMessage} more (the BadRequest details list the first {RpcErrors.MaxViolations})";
        throw new AdjudicationException(ErrorKind.InvalidArgument, reason, $"The request has invalid fields: {shown}{more}. Correct them and send again.", _violations);
    }
}
