namespace Adjudication.Domain.Eligibility;

/// <summary>
/// One version of a filing (备案, DESIGN.md §5). <see cref="EndDate"/> is inclusive and null for long-term filings;
/// <see cref="DestAdmdvs"/> is a province or a city, empty for chronic-disease filings.
/// </summary>
public sealed record Filing(
    string FilingId,
    long Version,
    string PsnNo,
    string InsuplcAdmdvs,
    FilingClass Class,
    string DestAdmdvs,
    DateOnly BeginDate,
    DateOnly? EndDate,
    FilingStatus Status,
    string ChronicDiseaseCode,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Whether the dates cover <paramref name="date"/>.</summary>
    public bool CoversDate(DateOnly date) => BeginDate <= date && (EndDate is null || date <= EndDate);
}
