using Adjudication.Domain.Policy;

namespace Adjudication.Domain.Persons;

/// <summary>
/// A person as the insured city holds them (DESIGN.md §3, M_I, §12). <see cref="CertNo"/> and <see cref="Name"/> are
/// personal data: mask them before they reach a log or a trace.
/// </summary>
/// <param name="PsnNo">人员编号.</param>
/// <param name="InsuplcAdmdvs">The insured division.</param>
/// <param name="Name">The name (personal data).</param>
/// <param name="CertNo">The ID number (personal data).</param>
/// <param name="Insutype">The insurance type.</param>
/// <param name="PersonType">The person type, for ratios.</param>
/// <param name="InsuredActive">Whether the insurance is active.</param>
/// <param name="AssistanceEligible">Eligible for medical assistance (救助对象).</param>
/// <param name="CivilServant">A civil servant (公务员标志 <c>cvlserv_flag</c>): civil-servant subsidy layers apply.</param>
/// <param name="EnterpriseSupplementary">Employed by an enterprise with a supplementary scheme: its layers apply.</param>
public sealed record PersonProfile(
    string PsnNo,
    string InsuplcAdmdvs,
    string Name,
    string CertNo,
    Insutype Insutype,
    PersonType PersonType,
    bool InsuredActive,
    bool AssistanceEligible,
    bool CivilServant = false,
    bool EnterpriseSupplementary = false);
