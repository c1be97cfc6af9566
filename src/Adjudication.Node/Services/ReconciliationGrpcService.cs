using Adjudication.Contracts.V1;
using Adjudication.Node.Errors;
using Adjudication.Node.Ledger;
using Grpc.Core;

namespace Adjudication.Node.Services;

/// <summary>The hospital-facing reconciliation service (3201, 3202, ledger rows); <see cref="ReconciliationDesk"/> holds the logic.</summary>
// Bound through UnreadableRequests: a body that is not this service's message is INVALID_ARGUMENT, not UNKNOWN.
[BindServiceMethod(typeof(UnreadableRequests), nameof(UnreadableRequests.BindService))]
internal sealed class ReconciliationGrpcService(ReconciliationDesk desk) : ReconciliationService.ReconciliationServiceBase
{
    public override Task<ReconcileTotalsResponse> ReconcileTotals(ReconcileTotalsRequest request, ServerCallContext context) => desk.ReconcileTotalsAsync(request);

    public override Task ReconcileDetails(IAsyncStreamReader<ReconcileDetailsRequest> requestStream, IServerStreamWriter<ReconcileDetailsResponse> responseStream, ServerCallContext context) =>
        desk.ReconcileDetailsAsync(requestStream, responseStream, context);

    public override Task<ListSettlementsResponse> ListSettlements(ListSettlementsRequest request, ServerCallContext context) => desk.ListSettlementsAsync(request);
}
