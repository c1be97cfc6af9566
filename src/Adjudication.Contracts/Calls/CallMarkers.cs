namespace Adjudication.Contracts.V1;

// The generated messages that carry the fields the node's access rules read (DESIGN.md §8). These partial
// declarations are hand-written, so they carry the XML docs the generated halves do not.
/// <summary>GetPersonRequest is sent by an institution under its own <c>fixmedins_code</c>, which the node's access rules check (<see cref="IInstitutionCall"/>).</summary>
public sealed partial class GetPersonRequest : IInstitutionCall;

/// <summary>RegisterVisitRequest is sent by an institution under its own <c>fixmedins_code</c>, which the node's access rules check (<see cref="IInstitutionCall"/>).</summary>
public sealed partial class RegisterVisitRequest : IInstitutionCall;

/// <summary>UploadFeesRequest is sent by an institution under its own <c>fixmedins_code</c>, which the node's access rules check (<see cref="IInstitutionCall"/>).</summary>
public sealed partial class UploadFeesRequest : IInstitutionCall;

/// <summary>SettleRequest is sent by an institution under its own <c>fixmedins_code</c>, which the node's access rules check (<see cref="IInstitutionCall"/>).</summary>
public sealed partial class SettleRequest : IInstitutionCall;

/// <summary>CancelSettlementRequest is sent by an institution under its own <c>fixmedins_code</c>, which the node's access rules check (<see cref="IInstitutionCall"/>).</summary>
public sealed partial class CancelSettlementRequest : IInstitutionCall;

/// <summary>ReverseRequest is sent by an institution under its own <c>fixmedins_code</c>, which the node's access rules check (<see cref="IInstitutionCall"/>).</summary>
public sealed partial class ReverseRequest : IInstitutionCall;

/// <summary>DischargeRequest is sent by an institution under its own <c>fixmedins_code</c>, which the node's access rules check (<see cref="IInstitutionCall"/>).</summary>
public sealed partial class DischargeRequest : IInstitutionCall;

/// <summary>RegisterFilingRequest is sent by the agency of the person's insured city (<c>insuplc_admdvs</c>), which the node's access rules check (<see cref="IInsuredPersonCall"/>).</summary>
public sealed partial class RegisterFilingRequest : IInsuredPersonCall;

/// <summary>ExtendFilingRequest is sent by the agency of the person's insured city (<c>insuplc_admdvs</c>), which the node's access rules check (<see cref="IInsuredPersonCall"/>).</summary>
public sealed partial class ExtendFilingRequest : IInsuredPersonCall;

/// <summary>RevokeFilingRequest is sent by the agency of the person's insured city (<c>insuplc_admdvs</c>), which the node's access rules check (<see cref="IInsuredPersonCall"/>).</summary>
public sealed partial class RevokeFilingRequest : IInsuredPersonCall;

/// <summary>GetFilingRequest is sent by the agency of the person's insured city (<c>insuplc_admdvs</c>), which the node's access rules check (<see cref="IInsuredPersonCall"/>).</summary>
public sealed partial class GetFilingRequest : IInsuredPersonCall;

/// <summary>ListFilingHistoryRequest is sent by the agency of the person's insured city (<c>insuplc_admdvs</c>), which the node's access rules check (<see cref="IInsuredPersonCall"/>).</summary>
public sealed partial class ListFilingHistoryRequest : IInsuredPersonCall;

/// <summary>EnrolPersonRequest is sent by the agency of the person's insured city, which the node's access rules check (<see cref="IInsuredPersonCall"/>).</summary>
public sealed partial class EnrolPersonRequest : IInsuredPersonCall
{
    /// <summary>The enrolled person's insured division; empty when the request names no person.</summary>
    public string InsuplcAdmdvs => Person?.InsuplcAdmdvs ?? string.Empty;
}

/// <summary>UpdatePersonRequest is sent by the agency of the person's insured city (<c>insuplc_admdvs</c>), which the node's access rules check (<see cref="IInsuredPersonCall"/>).</summary>
public sealed partial class UpdatePersonRequest : IInsuredPersonCall;

/// <summary>ListPersonHistoryRequest is sent by the agency of the person's insured city (<c>insuplc_admdvs</c>), which the node's access rules check (<see cref="IInsuredPersonCall"/>).</summary>
public sealed partial class ListPersonHistoryRequest : IInsuredPersonCall;

/// <summary>CreditAccountRequest is sent by the agency of the person's insured city (<c>insuplc_admdvs</c>), which the node's access rules check (<see cref="IInsuredPersonCall"/>).</summary>
public sealed partial class CreditAccountRequest : IInsuredPersonCall;

/// <summary>AdjustAccountRequest is sent by the agency of the person's insured city (<c>insuplc_admdvs</c>), which the node's access rules check (<see cref="IInsuredPersonCall"/>).</summary>
public sealed partial class AdjustAccountRequest : IInsuredPersonCall;

/// <summary>ListAccountJournalRequest is sent by the agency of the person's insured city (<c>insuplc_admdvs</c>), which the node's access rules check (<see cref="IInsuredPersonCall"/>).</summary>
public sealed partial class ListAccountJournalRequest : IInsuredPersonCall;

/// <summary>DesignateInstitutionRequest is sent by the agency of the institution's city (<c>admdvs</c>), which the node's access rules check (<see cref="IInstitutionRegistryCall"/>).</summary>
public sealed partial class DesignateInstitutionRequest : IInstitutionRegistryCall;

/// <summary>SuspendInstitutionRequest is sent by the agency of the institution's city (<c>admdvs</c>), which the node's access rules check (<see cref="IInstitutionRegistryCall"/>).</summary>
public sealed partial class SuspendInstitutionRequest : IInstitutionRegistryCall;

/// <summary>EndInstitutionRequest is sent by the agency of the institution's city (<c>admdvs</c>), which the node's access rules check (<see cref="IInstitutionRegistryCall"/>).</summary>
public sealed partial class EndInstitutionRequest : IInstitutionRegistryCall;

/// <summary>ReconcileTotalsRequest (3201) is sent by an institution under its own <c>fixmedins_code</c>, which the node's access rules check (<see cref="IInstitutionCall"/>).</summary>
public sealed partial class ReconcileTotalsRequest : IInstitutionCall;

/// <summary>ListSettlementsRequest is sent by an institution under its own <c>fixmedins_code</c>, which the node's access rules check (<see cref="IInstitutionCall"/>).</summary>
public sealed partial class ListSettlementsRequest : IInstitutionCall;
