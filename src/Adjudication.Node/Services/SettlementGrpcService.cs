using Adjudication.Contracts.V1;
using Adjudication.Node.Errors;
using Adjudication.Node.Settlement;
using Grpc.Core;

namespace Adjudication.Node.Services;

/// <summary>The hospital-facing settlement service; the desks hold the logic.</summary>
// Bound through UnreadableRequests: a body that is not this service's message is INVALID_ARGUMENT, not UNKNOWN.
[BindServiceMethod(typeof(UnreadableRequests), nameof(UnreadableRequests.BindService))]
internal sealed class SettlementGrpcService(VisitDesk visitDesk, SettlementDesk settlementDesk) : SettlementService.SettlementServiceBase
{
    public override Task<GetPersonResponse> GetPerson(GetPersonRequest request, ServerCallContext context) => visitDesk.GetPersonAsync(request, context);

    public override Task<RegisterVisitResponse> RegisterVisit(RegisterVisitRequest request, ServerCallContext context) => visitDesk.RegisterAsync(request, context);

    public override Task<UploadFeesResponse> UploadFees(UploadFeesRequest request, ServerCallContext context) => visitDesk.UploadFeesAsync(request);

    public override Task<SettleResponse> PreSettle(SettleRequest request, ServerCallContext context) => settlementDesk.SettleAsync(request, commit: false, context);

    public override Task<SettleResponse> Settle(SettleRequest request, ServerCallContext context) => settlementDesk.SettleAsync(request, commit: true, context);

    public override Task<CancelSettlementResponse> CancelSettlement(CancelSettlementRequest request, ServerCallContext context) => settlementDesk.CancelAsync(request, context);

    public override Task<ReverseResponse> Reverse(ReverseRequest request, ServerCallContext context) => settlementDesk.ReverseAsync(request, context);

    public override Task<DischargeResponse> Discharge(DischargeRequest request, ServerCallContext context) => visitDesk.DischargeAsync(request);
}
