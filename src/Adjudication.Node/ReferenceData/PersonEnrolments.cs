using System.Globalization;
using Adjudication.Domain.Persons;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using DomainInsutype = Adjudication.Domain.Policy.Insutype;
using DomainPersonType = Adjudication.Domain.Policy.PersonType;
using V1 = Adjudication.Contracts.V1;

namespace Adjudication.Node.ReferenceData;

/// <summary>A person as the agency sends them (<c>PersonEnrolment</c>): checked, mapped to the profile the store keeps, and compared.</summary>
internal static class PersonEnrolments
{
    /// <summary>Length of a resident ID card number (居民身份证号码).</summary>
    public const int IdCardLength = 18;

    /// <summary>Adds a violation for every bad field of <paramref name="person"/>, named under <paramref name="path"/> (e.g. "persons[3]").</summary>
    public static RequestCheck Person(this RequestCheck check, string path, V1.PersonEnrolment? person)
    {
        if (person is null)
        {
            check.Add(path, "is required");
            return check;
        }

        return check
            .That(IsPsnNo(person.PsnNo), path + ".psn_no", $"must be 1 to {RequestCheck.MaxIdLength} ASCII letters or digits")
            .Admdvs(path + ".insuplc_admdvs", person.InsuplcAdmdvs)
            .That(!string.IsNullOrWhiteSpace(person.PsnName) && person.PsnName.Length <= RequestCheck.MaxIdLength, path + ".psn_name", $"is required and at most {RequestCheck.MaxIdLength} characters")
            .That(IsIdCard(person.Certno), path + ".certno", $"must be a resident ID number of {IdCardLength} characters: 17 digits, then a digit or X")
            .Defined(path + ".insutype", IsPersonInsutype(person.Insutype), (int)person.Insutype)
            .Defined(path + ".psn_type", IsPersonType(person.PsnType), (int)person.PsnType);
    }

    /// <summary>
    /// Whether <see cref="Person"/> would find nothing wrong with <paramref name="person"/>, without building the
    /// descriptions of violations (a bulk enrolment checks a million rows, nearly all of them well formed).
    /// </summary>
    public static bool IsWellFormed(V1.PersonEnrolment person) =>
        IsPsnNo(person.PsnNo)
        && Domain.Divisions.Admdvs.IsValid(person.InsuplcAdmdvs)
        && !string.IsNullOrWhiteSpace(person.PsnName) && person.PsnName.Length <= RequestCheck.MaxIdLength
        && IsIdCard(person.Certno)
        && IsPersonInsutype(person.Insutype)
        && IsPersonType(person.PsnType);

    /// <summary>The main insurance a person is enrolled in: employee (310) or resident (390) basic; the others are layers of these.</summary>
    public static bool IsPersonInsutype(V1.Insutype insutype) => insutype is V1.Insutype.EmployeeBasic or V1.Insutype.ResidentBasic;

    /// <summary>A person type the policies know (not UNSPECIFIED).</summary>
    public static bool IsPersonType(V1.PersonType type) => type != V1.PersonType.Unspecified && Enum.IsDefined(type);

    /// <summary>The profile the store keeps for a checked enrolment.</summary>
    public static PersonProfile ToProfile(V1.PersonEnrolment person) => new(
        person.PsnNo,
        person.InsuplcAdmdvs,
        person.PsnName,
        person.Certno,
        (DomainInsutype)person.Insutype,
        (DomainPersonType)person.PsnType,
        person.InsuredActive,
        person.AssistanceEligible,
        person.CvlservFlag,
        person.EnterpriseSupplementary);

    /// <summary>The profile as the contract shows it.</summary>
    public static V1.PersonEnrolment ToProto(PersonProfile profile) => new()
    {
        PsnNo = profile.PsnNo,
        InsuplcAdmdvs = profile.InsuplcAdmdvs,
        PsnName = profile.Name,
        Certno = profile.CertNo,
        Insutype = (V1.Insutype)profile.Insutype,
        PsnType = (V1.PersonType)profile.PersonType,
        InsuredActive = profile.InsuredActive,
        CvlservFlag = profile.CivilServant,
        EnterpriseSupplementary = profile.EnterpriseSupplementary,
        AssistanceEligible = profile.AssistanceEligible,
    };

    /// <summary>
    /// The insurance fields that differ between <paramref name="before"/> (null at enrolment: every field is set) and
    /// <paramref name="after"/>, named as in the contract. Name and ID number are not repeated in the history.
    /// </summary>
    public static List<ProfileChange> Changes(PersonProfile? before, PersonProfile after)
    {
        var changes = new List<ProfileChange>();
        Compare(changes, "insutype", before is null ? null : Code((int)before.Insutype), Code((int)after.Insutype));
        Compare(changes, "psn_type", before is null ? null : Code((int)before.PersonType), Code((int)after.PersonType));
        Compare(changes, "insured_active", before is null ? null : Flag(before.InsuredActive), Flag(after.InsuredActive));
        Compare(changes, "cvlserv_flag", before is null ? null : Flag(before.CivilServant), Flag(after.CivilServant));
        Compare(changes, "enterprise_supplementary", before is null ? null : Flag(before.EnterpriseSupplementary), Flag(after.EnterpriseSupplementary));
        Compare(changes, "assistance_eligible", before is null ? null : Flag(before.AssistanceEligible), Flag(after.AssistanceEligible));
        return changes;
    }

    /// <summary>
    /// The fields <see cref="Changes"/> compares, packed in one number: two profiles with the same key have the same
    /// changes from any profile (insutype and psn_type are codes below 1,000; four flags).
    /// </summary>
    public static int InsuranceKey(PersonProfile profile) =>
        ((int)profile.Insutype * 1_000 + (int)profile.PersonType) * 16
        + (profile.InsuredActive ? 1 : 0) + (profile.CivilServant ? 2 : 0) + (profile.EnterpriseSupplementary ? 4 : 0) + (profile.AssistanceEligible ? 8 : 0);

    /// <summary>The person's credential index entries: the ID card (mdtrt_cert_type 02), by which 1101 finds them.</summary>
    public static (int CertType, string CertNo)[] Credentials(PersonProfile profile) => [IdCard(profile)];

    /// <summary>The person's ID card as a credential (mdtrt_cert_type 02).</summary>
    public static (int CertType, string CertNo) IdCard(PersonProfile profile) => ((int)V1.MdtrtCertType.IdCard, profile.CertNo);

    private static void Compare(List<ProfileChange> changes, string field, string? before, string after)
    {
        if (before != after)
        {
            changes.Add(new ProfileChange(field, before ?? string.Empty, after));
        }
    }

    private static string Code(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";

    // psn_no becomes part of the person's keys and credential index ({city:psn_no}, city|psn_no): no braces, no bars.
    private static bool IsPsnNo(string value)
    {
        if (value.Length is 0 or > RequestCheck.MaxIdLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdCard(string value)
    {
        if (value.Length != IdCardLength)
        {
            return false;
        }

        for (var i = 0; i < IdCardLength - 1; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return char.IsAsciiDigit(value[^1]) || value[^1] == 'X';
    }
}
