namespace Adjudication.Contracts.V1;

/// <summary>A request about a person, sent by the agency of the person's insured city (DESIGN.md §8): every FilingService call.</summary>
public interface IInsuredPersonCall
{
    /// <summary>The person's insured division; its city must be the one the calling agency serves.</summary>
    string InsuplcAdmdvs { get; }
}
