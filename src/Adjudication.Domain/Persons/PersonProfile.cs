using Adjudication.Domain.Policy;

namespace Adjudication.Domain.Persons;

/// <summary>
/// A person as the insured city holds them (DESIGN.md §3, M_I). <see cref="CertNo"/> and <see cref="Name"/> are
/// personal data: mask them before they reach a log or a trace.
/// </summary>
public sealed record PersonProfile(
    string PsnNo,
    string InsuplcAdmdvs,
    string Name,
    string CertNo,
    Insutype Insutype,
    PersonType PersonType,
    bool InsuredActive,
    bool AssistanceEligible);
