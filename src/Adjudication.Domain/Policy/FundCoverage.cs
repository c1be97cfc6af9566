namespace Adjudication.Domain.Policy;

/// <summary>Whom a fund layer pays for (DESIGN.md §4.3); a layer that does not cover the person is skipped.</summary>
public enum FundCoverage
{
    /// <summary>Everyone insured under the policy's insutype.</summary>
    Everyone = 0,

    /// <summary>Civil servants (公务员, <see cref="Persons.PersonProfile.CivilServant"/>).</summary>
    CivilServants = 1,

    /// <summary>Persons eligible for medical assistance (<see cref="Persons.PersonProfile.AssistanceEligible"/>).</summary>
    AssistanceEligible = 2,

    /// <summary>Employees of an enterprise with a supplementary scheme (<see cref="Persons.PersonProfile.EnterpriseSupplementary"/>).</summary>
    EnterpriseSupplementary = 3,
}
