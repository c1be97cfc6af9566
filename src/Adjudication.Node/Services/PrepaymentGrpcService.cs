using Adjudication.Contracts.V1;
using Adjudication.Node.Clearing;
using Adjudication.Node.Errors;
using Adjudication.Node.Security;
using Grpc.Core;

namespace Adjudication.Node.Services;

/// <summary>The prepayment service at the national node; <see cref="PrepaymentDesk"/> holds the logic.</summary>
// Bound through UnreadableRequests: a body that is not this service's message is INVALID_ARGUMENT, not UNKNOWN.
[BindServiceMethod(typeof(UnreadableRequests), nameof(UnreadableRequests.BindService))]
internal sealed class PrepaymentGrpcService(PrepaymentDesk desk) : PrepaymentService.PrepaymentServiceBase
{
    public override Task<PrepaymentStatus> DepositPrepayment(DepositPrepaymentRequest request, ServerCallContext context) => desk.DepositAsync(request, context.Authenticated());

    public override Task<GetPrepaymentResponse> GetPrepayment(GetPrepaymentRequest request, ServerCallContext context) => desk.GetAsync(request, context.Authenticated());
}
