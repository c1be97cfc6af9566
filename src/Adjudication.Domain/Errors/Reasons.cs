namespace Adjudication.Domain.Errors;

/// <summary>Machine-readable reasons carried in <c>google.rpc.ErrorInfo</c> (DESIGN.md §7).</summary>
public static class Reasons
{
    /// <summary>Domain of every ErrorInfo this service sends.</summary>
    public const string Domain = "adjudication";

    /// <summary>A request that is malformed: unparsable bytes, a field out of range or of the wrong length (INVALID_ARGUMENT, with <c>google.rpc.BadRequest</c> field violations).</summary>
    public const string InvalidRequest = "INVALID_REQUEST";

    /// <summary>A fee line whose amount is not its price times its count (INVALID_ARGUMENT).</summary>
    public const string FeeAmountMismatch = "FEE_AMOUNT_MISMATCH";

    /// <summary>The visit needs a filing (备案) of the insured person for this treatment region and none is in force (FAILED_PRECONDITION).</summary>
    public const string FilingRequired = "FILING_REQUIRED";

    /// <summary>The person's filing for this treatment region ended before the visit (FAILED_PRECONDITION).</summary>
    public const string FilingExpired = "FILING_EXPIRED";

    /// <summary>The person's filing for this treatment region was revoked (FAILED_PRECONDITION).</summary>
    public const string FilingRevoked = "FILING_REVOKED";

    /// <summary>The person has no insurance in force on the visit's date (FAILED_PRECONDITION).</summary>
    public const string PersonNotInsured = "PERSON_NOT_INSURED";

    /// <summary>An outpatient chronic-disease visit for a disease the person has no filing for (FAILED_PRECONDITION).</summary>
    public const string ChronicDiseaseNotFiled = "CHRONIC_DISEASE_NOT_FILED";

    /// <summary>The institution is not designated (定点) for this kind of settlement (FAILED_PRECONDITION).</summary>
    public const string InstitutionNotDesignated = "INSTITUTION_NOT_DESIGNATED";

    /// <summary>The caller is an institution other than the one named in the request or holding the visit (PERMISSION_DENIED).</summary>
    public const string InstitutionMismatch = "INSTITUTION_MISMATCH";

    /// <summary>No person with this number is known to the insured city (NOT_FOUND).</summary>
    public const string PersonNotFound = "PERSON_NOT_FOUND";

    /// <summary>No visit with this id, or not one of the calling institution (NOT_FOUND).</summary>
    public const string VisitNotFound = "VISIT_NOT_FOUND";

    /// <summary>The visit is settled already; cancel the settlement before changing its fee lines (FAILED_PRECONDITION).</summary>
    public const string VisitAlreadySettled = "VISIT_ALREADY_SETTLED";

    /// <summary>The visit is not in a state that allows the call, e.g. a discharge of a visit that is no inpatient stay (FAILED_PRECONDITION).</summary>
    public const string VisitNotOpen = "VISIT_NOT_OPEN";

    /// <summary>A settle of a visit that has no fee lines uploaded (FAILED_PRECONDITION).</summary>
    public const string NoFeeLines = "NO_FEE_LINES";

    /// <summary>No settlement with this id for the visit (NOT_FOUND).</summary>
    public const string SettlementNotFound = "SETTLEMENT_NOT_FOUND";

    /// <summary>The settlement was cancelled already (FAILED_PRECONDITION).</summary>
    public const string SettlementAlreadyCancelled = "SETTLEMENT_ALREADY_CANCELLED";

    /// <summary>No filing with this id for the person (NOT_FOUND).</summary>
    public const string FilingNotFound = "FILING_NOT_FOUND";

    /// <summary>Only an active filing with an end date can be extended, and only to a later date (FAILED_PRECONDITION).</summary>
    public const string FilingNotExtendable = "FILING_NOT_EXTENDABLE";

    /// <summary>No catalog version is in force on the asked date, or the named version is not published here (NOT_FOUND).</summary>
    public const string CatalogNotFound = "CATALOG_NOT_FOUND";

    /// <summary>A catalog version that was already published with other content; versions are immutable (ALREADY_EXISTS).</summary>
    public const string CatalogVersionExists = "CATALOG_VERSION_EXISTS";

    /// <summary>The insured city has no policy for the person's insurance type (FAILED_PRECONDITION).</summary>
    public const string PolicyNotFound = "POLICY_NOT_FOUND";

    /// <summary>A <c>msgid</c> used before with a different payload (ALREADY_EXISTS, DESIGN.md §7).</summary>
    public const string MsgidReused = "MSGID_REUSED";

    /// <summary>A <c>msgid</c> whose call was reversed (2601); it cannot be sent again (FAILED_PRECONDITION).</summary>
    public const string MsgidReversed = "MSGID_REVERSED";

    /// <summary>A <c>feedetl_sn</c> uploaded before with different content (ALREADY_EXISTS).</summary>
    public const string FeeLineConflict = "FEE_LINE_CONFLICT";

    /// <summary>A reversal (2601) of a transaction that is not a settlement (FAILED_PRECONDITION).</summary>
    public const string ReversalNotSupported = "REVERSAL_NOT_SUPPORTED";

    /// <summary>A call for a person insured in another city made at a node that does not relay it (FAILED_PRECONDITION).</summary>
    public const string NotInsuredHere = "NOT_INSURED_HERE";

    /// <summary>Too many simultaneous changes to the same person or record; retry with the same <c>msgid</c> (ABORTED).</summary>
    public const string Contention = "CONTENTION";

    /// <summary>The node's Redis store does not answer; nothing was committed (UNAVAILABLE, DESIGN.md §7).</summary>
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

    /// <summary>An enrolment of a person the city holds already with other data; change them with UpdatePerson (FAILED_PRECONDITION).</summary>
    public const string PersonAlreadyEnrolled = "PERSON_ALREADY_ENROLLED";

    /// <summary>An enrolment gave an ID number that is already another person's (FAILED_PRECONDITION).</summary>
    public const string CertnoInUse = "CERTNO_IN_USE";

    /// <summary>An account adjustment that would leave the personal account below zero (FAILED_PRECONDITION).</summary>
    public const string BalanceInsufficient = "BALANCE_INSUFFICIENT";

    /// <summary>No institution with this code is registered in this city (NOT_FOUND).</summary>
    public const string InstitutionNotFound = "INSTITUTION_NOT_FOUND";

    /// <summary>A JSON transaction (infno) this network has no counterpart for, or an infno the interface does not define (FAILED_PRECONDITION).</summary>
    public const string TransactionNotSupported = "TRANSACTION_NOT_SUPPORTED";

    /// <summary>Clearing of a month that is not closed yet (before the current China month of the node's clock) (FAILED_PRECONDITION).</summary>
    public const string ClearingMonthOpen = "CLEARING_MONTH_OPEN";

    /// <summary>No clearing rows, or no declaration, for the month and regions asked (NOT_FOUND).</summary>
    public const string ClearingNotFound = "CLEARING_NOT_FOUND";

    /// <summary>A clearing step out of order: confirm needs a declared declaration, pay a confirmed one (FAILED_PRECONDITION).</summary>
    public const string ClearingWrongStatus = "CLEARING_WRONG_STATUS";
}
