using Adjudication.Contracts.V1.Policies;
using Adjudication.Node.Errors;
using Adjudication.Node.Policies;
using Grpc.Core;

namespace Adjudication.Node.Services;

/// <summary>The agency-facing policy service: city policies in effective-dated versions, the province's integration zones.</summary>
// Bound through UnreadableRequests: a body that is not this service's message is INVALID_ARGUMENT, not UNKNOWN.
[BindServiceMethod(typeof(UnreadableRequests), nameof(UnreadableRequests.BindService))]
internal sealed class PolicyGrpcService(PolicyDesk desk) : PolicyService.PolicyServiceBase
{
    public override Task<PolicyVersion> PublishPolicy(PublishPolicyRequest request, ServerCallContext context) => desk.PublishPolicyAsync(request);

    public override Task<ListPolicyVersionsResponse> ListPolicyVersions(ListPolicyVersionsRequest request, ServerCallContext context) => desk.ListVersionsAsync(request);

    public override Task<PolicyVersion> GetPolicyVersion(GetPolicyVersionRequest request, ServerCallContext context) => desk.GetVersionAsync(request);

    public override Task<IntegrationZone> PublishZone(PublishZoneRequest request, ServerCallContext context) => desk.PublishZoneAsync(request, context);

    public override Task<ListZonesResponse> ListZones(ListZonesRequest request, ServerCallContext context) => desk.ListZonesAsync();
}
