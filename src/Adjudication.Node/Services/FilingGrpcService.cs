using Adjudication.Contracts.V1;
using Adjudication.Node.Errors;
using Adjudication.Node.Settlement;
using Grpc.Core;

namespace Adjudication.Node.Services;

/// <summary>The agency-facing filing service.</summary>
// Bound through UnreadableRequests: a body that is not this service's message is INVALID_ARGUMENT, not UNKNOWN.
[BindServiceMethod(typeof(UnreadableRequests), nameof(UnreadableRequests.BindService))]
internal sealed class FilingGrpcService(FilingDesk desk) : FilingService.FilingServiceBase
{
    public override Task<Filing> RegisterFiling(RegisterFilingRequest request, ServerCallContext context) => desk.RegisterAsync(request, context);

    public override Task<Filing> ExtendFiling(ExtendFilingRequest request, ServerCallContext context) => desk.ExtendAsync(request, context);

    public override Task<Filing> RevokeFiling(RevokeFilingRequest request, ServerCallContext context) => desk.RevokeAsync(request, context);

    public override Task<Filing> GetFiling(GetFilingRequest request, ServerCallContext context) => desk.GetAsync(request);

    public override Task<ListFilingHistoryResponse> ListFilingHistory(ListFilingHistoryRequest request, ServerCallContext context) => desk.HistoryAsync(request);
}
