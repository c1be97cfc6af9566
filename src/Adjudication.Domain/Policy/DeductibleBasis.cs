namespace Adjudication.Domain.Policy;

/// <summary>Whether the deductible already used counts per calendar year or restarts each visit (DESIGN.md §4.2 step 3).</summary>
public enum DeductibleBasis
{
    /// <summary>起付线 once a year: what earlier settlements this year used counts.</summary>
    Yearly = 1,

    /// <summary>起付线 per visit (typical for inpatient stays).</summary>
    PerVisit = 2,
}
