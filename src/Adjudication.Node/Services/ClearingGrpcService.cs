using Adjudication.Contracts.V1;
using Adjudication.Node.Clearing;
using Adjudication.Node.Errors;
using Adjudication.Node.Security;
using Grpc.Core;

namespace Adjudication.Node.Services;

/// <summary>The agency-facing clearing service at provincial and national nodes; <see cref="ClearingDesk"/> holds the logic.</summary>
// Bound through UnreadableRequests: a body that is not this service's message is INVALID_ARGUMENT, not UNKNOWN.
[BindServiceMethod(typeof(UnreadableRequests), nameof(UnreadableRequests.BindService))]
internal sealed class ClearingGrpcService(ClearingDesk desk) : ClearingService.ClearingServiceBase
{
    public override Task<DeclareClearingResponse> DeclareClearing(DeclareClearingRequest request, ServerCallContext context) => desk.DeclareAsync(request, context.Authenticated());

    public override Task<ConfirmClearingResponse> ConfirmClearing(ConfirmClearingRequest request, ServerCallContext context) => desk.ConfirmAsync(request, context.Authenticated(), context);

    public override Task<ClearingDeclaration> PayClearing(PayClearingRequest request, ServerCallContext context) => desk.PayAsync(request, context.Authenticated());

    public override Task<ClearingStatement> GetClearingStatement(GetClearingStatementRequest request, ServerCallContext context) => desk.StatementAsync(request, context.Authenticated());
}
