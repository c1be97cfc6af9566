using Adjudication.Domain.Errors;
using Adjudication.Node.Errors;
using Adjudication.Node.Validation;

namespace Adjudication.Node.Gateway;

/// <summary>
/// Dispatch by infno (issue 17): each transaction with a counterpart here goes to the desk its gRPC method calls; a
/// transaction of the national interface without one (2202, 2203, 2205, 2302, 2404, 2405, the 9001/9101/9102 sign-in
/// and file transfers) and an infno the interface does not define are refused with TRANSACTION_NOT_SUPPORTED.
/// </summary>
internal sealed class Transactions(
    PersonTransaction person,
    VisitTransactions visits,
    FeeTransaction fees,
    SettlementTransactions settlements,
    ReconcileTransactions reconciliation,
    FilingTransactions filings)
{
    /// <summary>Runs the envelope's transaction and returns the writer of its output.</summary>
    public Task<GatewayAnswer.Output> RunAsync(GatewayCall call) => call.Envelope.Infno switch
    {
        "1101" => person.GetAsync(call),
        "2201" => visits.RegisterOutpatientAsync(call),
        "2401" => visits.AdmitAsync(call),
        "2402" => visits.DischargeAsync(call),
        "2204" or "2301" => fees.UploadAsync(call),
        "2206" or "2303" => settlements.SettleAsync(call, commit: false),
        "2207" or "2304" => settlements.SettleAsync(call, commit: true),
        "2208" or "2305" => settlements.CancelAsync(call),
        "2601" => settlements.ReverseAsync(call),
        "3201" => reconciliation.TotalsAsync(call),
        "3202" => reconciliation.DetailsAsync(call),
        "2501" => filings.ReferralAsync(call),
        "2503" => filings.ChronicDiseaseAsync(call),
        "2502" or "2504" => filings.RevokeAsync(call),
        var infno => throw NotSupported(infno),
    };

    private static AdjudicationException NotSupported(string infno) => Refusals.Precondition(Reasons.TransactionNotSupported, infno switch
    {
        "2202" or "2404" => $"Transaction {infno} (registration/admission cancel) has no counterpart here: a visit stays open until it is settled; settle it, or leave it unsettled.",
        "2203" => "Transaction 2203 has no counterpart here: send med_type with 2201 and the diagnosis with the visit; the fee upload (2204) follows directly.",
        "2205" or "2302" => $"Transaction {infno} (fee line cancel) has no counterpart here: uploaded lines stay; upload only the lines to settle, or cancel the settlement (2208/2305) and open a new visit.",
        "2405" => "Transaction 2405 (discharge cancel) has no counterpart here.",
        "9001" or "9002" => $"Transaction {infno} (sign-in/out) is not needed here: the client certificate identifies the caller; send sign_no empty.",
        "9101" or "9102" => $"Transaction {infno} (file transfer) is not needed here: 3202 carries its rows inline (input.detail or input.file).",
        _ => $"Transaction '{Echo.Cut(infno, 8)}' is not one this node serves; it serves 1101, 2201, 2204, 2206-2208, 2301, 2303-2305, 2401, 2402, 2601, 3201, 3202 and, for agencies, 2501-2504.",
    });
}
