using Adjudication.Domain.Policy;

namespace Adjudication.Domain.Institutions;

/// <summary>
/// A designated medical institution or pharmacy (定点医药机构) registered at its treatment node. Designated by its city's
/// agency for a period (DESIGN.md §12); a suspension stops it until it is designated again.
/// </summary>
/// <param name="FixmedinsCode">定点医药机构编号.</param>
/// <param name="Name">The institution's name.</param>
/// <param name="Admdvs">Its division.</param>
/// <param name="Level">医院等级, for ratios.</param>
/// <param name="Designated">Whether it holds a designation at all (false: registered, never designated).</param>
/// <param name="BeginDate">First day of the designation; null: since ever.</param>
/// <param name="EndDate">Last day of the designation; null: open-ended.</param>
/// <param name="Suspended">The designation is suspended (定点暂停).</param>
public sealed record Institution(
    string FixmedinsCode,
    string Name,
    string Admdvs,
    HospitalLevel Level,
    bool Designated,
    DateOnly? BeginDate = null,
    DateOnly? EndDate = null,
    bool Suspended = false)
{
    /// <summary>Whether the institution may settle on <paramref name="date"/>: designated, not suspended, within its period.</summary>
    public bool IsDesignatedOn(DateOnly date) =>
        Designated && !Suspended && (BeginDate is null || date >= BeginDate) && (EndDate is null || date <= EndDate);
}
