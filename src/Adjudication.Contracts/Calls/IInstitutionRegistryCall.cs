namespace Adjudication.Contracts.V1;

/// <summary>
/// A request about a designated institution, sent by the agency of the institution's city (DESIGN.md §8, §12): every
/// institution call of ReferenceDataService.
/// </summary>
public interface IInstitutionRegistryCall
{
    /// <summary>The institution's division; its city must be the one the calling agency serves.</summary>
    string Admdvs { get; }
}
