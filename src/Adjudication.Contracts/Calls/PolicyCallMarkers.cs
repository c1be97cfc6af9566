namespace Adjudication.Contracts.V1.Policies;

// The policy messages whose insured city the node's access rules read (DESIGN.md §8: a city's agency acts for its own
// city's policies only). Hand-written partial declarations, so they carry the XML docs the generated halves do not.
/// <summary>PublishPolicyRequest is sent by the agency of the policy's city (<c>policy.insuplc_admdvs</c>), which the node's access rules check (<see cref="IInsuredPersonCall"/>).</summary>
public sealed partial class PublishPolicyRequest : IInsuredPersonCall
{
    string IInsuredPersonCall.InsuplcAdmdvs => Policy?.InsuplcAdmdvs ?? string.Empty;
}

/// <summary>ListPolicyVersionsRequest is sent by the agency of the policy's city (<c>insuplc_admdvs</c>), which the node's access rules check (<see cref="IInsuredPersonCall"/>).</summary>
public sealed partial class ListPolicyVersionsRequest : IInsuredPersonCall;

/// <summary>GetPolicyVersionRequest is sent by the agency of the policy's city (<c>insuplc_admdvs</c>), which the node's access rules check (<see cref="IInsuredPersonCall"/>).</summary>
public sealed partial class GetPolicyVersionRequest : IInsuredPersonCall;
