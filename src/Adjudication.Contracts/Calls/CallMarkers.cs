namespace Adjudication.Contracts.V1;

// The generated messages that carry the fields the node's access rules read (DESIGN.md §8).
public sealed partial class GetPersonRequest : IInstitutionCall;

public sealed partial class RegisterVisitRequest : IInstitutionCall;

public sealed partial class UploadFeesRequest : IInstitutionCall;

public sealed partial class SettleRequest : IInstitutionCall;

public sealed partial class CancelSettlementRequest : IInstitutionCall;

public sealed partial class ReverseRequest : IInstitutionCall;

public sealed partial class DischargeRequest : IInstitutionCall;

public sealed partial class RegisterFilingRequest : IInsuredPersonCall;

public sealed partial class ExtendFilingRequest : IInsuredPersonCall;

public sealed partial class RevokeFilingRequest : IInsuredPersonCall;

public sealed partial class GetFilingRequest : IInsuredPersonCall;

public sealed partial class ListFilingHistoryRequest : IInsuredPersonCall;
