namespace Adjudication.Domain.Errors;

/// <summary>Machine-readable reasons carried in <c>google.rpc.ErrorInfo</c> (DESIGN.md §7).</summary>
public static class Reasons
{
    /// <summary>Domain of every ErrorInfo this service sends.</summary>
    public const string Domain = "adjudication";

    public const string InvalidRequest = "INVALID_REQUEST";
    public const string FeeAmountMismatch = "FEE_AMOUNT_MISMATCH";
    public const string FilingRequired = "FILING_REQUIRED";
    public const string FilingExpired = "FILING_EXPIRED";
    public const string FilingRevoked = "FILING_REVOKED";
    public const string PersonNotInsured = "PERSON_NOT_INSURED";
    public const string ChronicDiseaseNotFiled = "CHRONIC_DISEASE_NOT_FILED";
    public const string InstitutionNotDesignated = "INSTITUTION_NOT_DESIGNATED";
    public const string InstitutionMismatch = "INSTITUTION_MISMATCH";
    public const string PersonNotFound = "PERSON_NOT_FOUND";
    public const string VisitNotFound = "VISIT_NOT_FOUND";
    public const string VisitAlreadySettled = "VISIT_ALREADY_SETTLED";
    public const string VisitNotOpen = "VISIT_NOT_OPEN";
    public const string NoFeeLines = "NO_FEE_LINES";
    public const string SettlementNotFound = "SETTLEMENT_NOT_FOUND";
    public const string SettlementAlreadyCancelled = "SETTLEMENT_ALREADY_CANCELLED";
    public const string FilingNotFound = "FILING_NOT_FOUND";
    public const string FilingNotExtendable = "FILING_NOT_EXTENDABLE";
    public const string CatalogNotFound = "CATALOG_NOT_FOUND";
    public const string CatalogVersionExists = "CATALOG_VERSION_EXISTS";
    public const string PolicyNotFound = "POLICY_NOT_FOUND";
    public const string MsgidReused = "MSGID_REUSED";
    public const string MsgidReversed = "MSGID_REVERSED";
    public const string FeeLineConflict = "FEE_LINE_CONFLICT";
    public const string ReversalNotSupported = "REVERSAL_NOT_SUPPORTED";
    public const string NotInsuredHere = "NOT_INSURED_HERE";
    public const string Contention = "CONTENTION";
    public const string StoreUnavailable = "STORE_UNAVAILABLE";

    /// <summary>
    /// A commit was sent (to the store or the next hop) and its answer never came: it may have taken effect. Retry with
    /// the same msgid, which returns the stored result, or reverse it (2601) (DESIGN.md §7).
    /// </summary>
    public const string OutcomeUnknown = "OUTCOME_UNKNOWN";

    /// <summary>A node on the route to the target cannot be reached (DESIGN.md §3); the message names it.</summary>
    public const string HopUnavailable = "HOP_UNAVAILABLE";

    /// <summary>The caller presented no identity (no client certificate issued by the network's CA; DESIGN.md §8).</summary>
    public const string NoIdentity = "NO_IDENTITY";

    /// <summary>The caller's kind of identity may not call this method (DESIGN.md §8); the message says which may.</summary>
    public const string CallerNotAllowed = "CALLER_NOT_ALLOWED";

    /// <summary>An agency acting for a division it does not serve.</summary>
    public const string AgencyMismatch = "AGENCY_MISMATCH";

    /// <summary>A node calling NetworkService that is not this node's parent or child in the topology.</summary>
    public const string NotANeighbour = "NOT_A_NEIGHBOUR";

    /// <summary>No node of the network serves the target division.</summary>
    public const string NoRoute = "NO_ROUTE";

    /// <summary>The node failed on a call through a defect of its own, not because of the request (DESIGN.md §7).</summary>
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary>A request message larger than the node accepts (RESOURCE_EXHAUSTED); the message says the limit.</summary>
    public const string MessageTooLarge = "MESSAGE_TOO_LARGE";
}
