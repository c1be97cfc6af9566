using Adjudication.Contracts.V1;
using Adjudication.Node.Settlement;
using Grpc.Core;

namespace Adjudication.Node.Services;

/// <summary>The agency-facing filing service.</summary>
internal sealed class FilingGrpcService(FilingDesk desk) : FilingService.FilingServiceBase
{
    public override Task<Filing> RegisterFiling(RegisterFilingRequest request, ServerCallContext context) => desk.RegisterAsync(request, context);

    public override Task<Filing> ExtendFiling(ExtendFilingRequest request, ServerCallContext context) => desk.ExtendAsync(request, context);

    public override Task<Filing> RevokeFiling(RevokeFilingRequest request, ServerCallContext context) => desk.RevokeAsync(request, context);

    public override Task<Filing> GetFiling(GetFilingRequest request, ServerCallContext context) => desk.GetAsync(request);

    public override Task<ListFilingHistoryResponse> ListFilingHistory(ListFilingHistoryRequest request, ServerCallContext context) => desk.HistoryAsync(request);
}
