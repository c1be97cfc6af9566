namespace Adjudication.Domain.Eligibility;

/// <summary>Facts about filing classes (DESIGN.md §5).</summary>
public static class FilingClasses
{
    /// <summary>Temporary filings are valid six months from their start unless extended.</summary>
    public const int TemporaryValidityMonths = 6;

    /// <summary>Whether a class is defined for registration.</summary>
    public static bool IsDefined(FilingClass c) => c is >= FilingClass.RelocatedRetiree and <= FilingClass.ChronicDisease;

    /// <summary>Long-term filings stay until revoked.</summary>
    public static bool IsLongTerm(FilingClass c) =>
        c is FilingClass.RelocatedRetiree or FilingClass.LongTermResident or FilingClass.StationedWorker;

    /// <summary>Temporary filings expire.</summary>
    public static bool IsTemporary(FilingClass c) =>
        c is FilingClass.Referral or FilingClass.Emergency or FilingClass.OtherTemporary;
}
