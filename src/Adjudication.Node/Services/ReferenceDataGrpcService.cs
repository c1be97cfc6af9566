using Adjudication.Contracts.V1;
using Adjudication.Node.Errors;
using Adjudication.Node.ReferenceData;
using Grpc.Core;

namespace Adjudication.Node.Services;

/// <summary>The agency-facing reference data of this city (DESIGN.md §12): persons, personal accounts, designated institutions.</summary>
// Bound through UnreadableRequests: a body that is not this service's message is INVALID_ARGUMENT, not UNKNOWN.
[BindServiceMethod(typeof(UnreadableRequests), nameof(UnreadableRequests.BindService))]
internal sealed class ReferenceDataGrpcService(PersonDesk persons, AccountDesk accounts, InstitutionDesk institutions) : ReferenceDataService.ReferenceDataServiceBase
{
    public override Task<PersonChange> EnrolPerson(EnrolPersonRequest request, ServerCallContext context) => persons.EnrolAsync(request);

    public override Task<EnrolPersonsResponse> EnrolPersons(IAsyncStreamReader<EnrolPersonsRequest> requestStream, ServerCallContext context) =>
        persons.EnrolManyAsync(requestStream.ReadAllAsync(context.CancellationToken));

    public override Task<PersonChange> UpdatePerson(UpdatePersonRequest request, ServerCallContext context) => persons.UpdateAsync(request);

    public override Task<ListPersonHistoryResponse> ListPersonHistory(ListPersonHistoryRequest request, ServerCallContext context) => persons.HistoryAsync(request);

    public override Task<AccountMovement> CreditAccount(CreditAccountRequest request, ServerCallContext context) => accounts.CreditAsync(request);

    public override Task<AccountMovement> AdjustAccount(AdjustAccountRequest request, ServerCallContext context) => accounts.AdjustAsync(request);

    public override Task<ListAccountJournalResponse> ListAccountJournal(ListAccountJournalRequest request, ServerCallContext context) => accounts.JournalAsync(request);

    public override Task<DesignatedInstitution> DesignateInstitution(DesignateInstitutionRequest request, ServerCallContext context) => institutions.DesignateAsync(request);

    public override Task<DesignatedInstitution> SuspendInstitution(SuspendInstitutionRequest request, ServerCallContext context) => institutions.SuspendAsync(request);

    public override Task<DesignatedInstitution> EndInstitution(EndInstitutionRequest request, ServerCallContext context) => institutions.EndAsync(request);
}
