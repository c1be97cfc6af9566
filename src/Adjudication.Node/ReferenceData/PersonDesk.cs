using Adjudication.Domain.Divisions;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Persons;
using Adjudication.Domain.Time;
using Adjudication.Node.Errors;
using Adjudication.Node.Hosting;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using Adjudication.Storage.Contract;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using V1 = Adjudication.Contracts.V1;

namespace Adjudication.Node.ReferenceData;

/// <summary>
/// Persons at their insured city, kept by the city's agency (DESIGN.md §12): enrol one or a stream of batches, change
/// their insurance, read their history. A person is never deleted; every change is a history entry with its msgid.
/// </summary>
internal sealed class PersonDesk(PersonStore persons, TimeProvider clock, IOptions<NodeOptions> options)
{
    /// <summary>Most persons one message of a bulk enrolment may carry.</summary>
    public const int MaxPersonsPerMessage = 5_000;

    /// <summary>Most persons one bulk enrolment stream may carry (its answer holds one outcome per row).</summary>
    public const int MaxPersonsPerStream = 1_000_000;

    /// <summary>Most refused rows an answer lists with their reasons (it counts them all).</summary>
    public const int MaxRefusedRowsListed = 10_000;

    // Recomputations of an update after another change of the same person got in first, before ABORTED.
    private const int MaxUpdateAttempts = 5;

    private readonly string _city = Admdvs.CityOf(options.Value.Admdvs);

    public async Task<V1.PersonChange> EnrolAsync(V1.EnrolPersonRequest request)
    {
        new RequestCheck().AgencyMsgid("msgid", request.Msgid).Person("person", request.Person).ThrowIfAny();
        CheckInsuredHere(request.Person.InsuplcAdmdvs);
        return await EnrolOneAsync(request.Msgid, request.Person, bulkRow: false).ConfigureAwait(false);
    }

    /// <summary>
    /// Enrols every row of every batch, each batch's rows together (pipelined to the store), and answers each row's
    /// outcome. A bad row is refused on its own; a bad batch (msgid, size) refuses the call at that batch, after the
    /// batches before it were applied; sending the stream again changes nothing.
    /// </summary>
    public async Task<V1.EnrolPersonsResponse> EnrolManyAsync(IAsyncEnumerable<V1.EnrolPersonsRequest> batches)
    {
        var response = new V1.EnrolPersonsResponse();
        var rows = 0;
        await foreach (var batch in batches.ConfigureAwait(false))
        {
            new RequestCheck()
                .AgencyMsgid("msgid", batch.Msgid)
                .That(batch.Persons.Count is > 0 and <= MaxPersonsPerMessage, "persons", $"must hold 1 to {MaxPersonsPerMessage} persons per message; send more in further messages of the stream")
                .That(rows + batch.Persons.Count <= MaxPersonsPerStream, "persons", $"must hold at most {MaxPersonsPerStream} persons over the whole stream; send the rest in another call")
                .ThrowIfAny();
            // The rows of a batch go to the store together, so a person twice in one batch would race with itself:
            // the later row is refused, naming the earlier one.
            var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
            var outcomes = new Task<RowOutcome>[batch.Persons.Count];
            for (var i = 0; i < outcomes.Length; i++)
            {
                var person = batch.Persons[i];
                outcomes[i] = firstRowOf.TryAdd(person.PsnNo, rows + i)
                    ? EnrolRowAsync(batch.Msgid, person, rows + i)
                    : Task.FromResult(Repeated(person, rows + i, firstRowOf[person.PsnNo]));
            }

            foreach (var outcome in await Task.WhenAll(outcomes).ConfigureAwait(false))
            {
                Count(response, outcome);
            }

            rows += outcomes.Length;
        }

        new RequestCheck().That(rows > 0, "persons", "must hold at least one person over the stream; it held none").ThrowIfAny();
        return response;
    }

    public async Task<V1.PersonChange> UpdateAsync(V1.UpdatePersonRequest request)
    {
        new RequestCheck()
            .AgencyMsgid("msgid", request.Msgid)
            .Id("psn_no", request.PsnNo)
            .Admdvs("insuplc_admdvs", request.InsuplcAdmdvs)
            .Defined("insutype", request.Insutype == V1.Insutype.Unspecified || PersonEnrolments.IsPersonInsutype(request.Insutype), (int)request.Insutype)
            .Defined("psn_type", request.PsnType == V1.PersonType.Unspecified || PersonEnrolments.IsPersonType(request.PsnType), (int)request.PsnType)
            .That(request.HasInsuredActive || request.Insutype != V1.Insutype.Unspecified || request.PsnType != V1.PersonType.Unspecified
                    || request.HasCvlservFlag || request.HasEnterpriseSupplementary || request.HasAssistanceEligible,
                "insured_active", "or another field to change must be set: insured_active, insutype, psn_type, cvlserv_flag, enterprise_supplementary, assistance_eligible")
            .ThrowIfAny();
        CheckInsuredHere(request.InsuplcAdmdvs);
        var digest = CallDigest.Of(request);
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var (json, current) = await persons.ReadProfileAsync(request.InsuplcAdmdvs, request.PsnNo).ConfigureAwait(false)
                ?? throw Refusals.NotFound(Reasons.PersonNotFound, $"Person {request.PsnNo} is not enrolled in {_city}; enrol them with EnrolPerson.");
            var next = Updated(current, request);
            var (result, answer) = await WriteAsync(json, current, next, request.Msgid, digest, "update", bulkRow: false).ConfigureAwait(false);
            if (result != WritePersonResult.Stale)
            {
                return Answer(result, answer, request.Msgid, request.PsnNo);
            }
        }

        throw new AdjudicationException(ErrorKind.Aborted, Reasons.Contention, $"Person {request.PsnNo} kept changing while this update was applied; retry with the same msgid.");
    }

    public async Task<V1.ListPersonHistoryResponse> HistoryAsync(V1.ListPersonHistoryRequest request)
    {
        new RequestCheck().Id("psn_no", request.PsnNo).Admdvs("insuplc_admdvs", request.InsuplcAdmdvs).ThrowIfAny();
        CheckInsuredHere(request.InsuplcAdmdvs);
        var entries = await persons.GetHistoryAsync(request.InsuplcAdmdvs, request.PsnNo).ConfigureAwait(false);
        if (entries.Count == 0 && await persons.ReadProfileAsync(request.InsuplcAdmdvs, request.PsnNo).ConfigureAwait(false) is null)
        {
            throw Refusals.NotFound(Reasons.PersonNotFound, $"Person {request.PsnNo} is not enrolled in {_city}.");
        }

        var response = new V1.ListPersonHistoryResponse();
        foreach (var entry in entries)
        {
            var proto = new V1.PersonHistoryEntry { Msgid = entry.Msgid, Operation = entry.Operation, ChangedAt = entry.ChangedAt };
            foreach (var change in entry.Changes)
            {
                proto.Changes.Add(new V1.FieldChange { Field = change.Field, Before = change.Before, After = change.After });
            }

            response.Entries.Add(proto);
        }

        return response;
    }

    private async Task<V1.PersonChange> EnrolOneAsync(string msgid, V1.PersonEnrolment person, bool bulkRow)
    {
        var profile = PersonEnrolments.ToProfile(person);
        var (result, answer) = await WriteAsync(null, null, profile, msgid, CallDigest.Of(person), "enrol", bulkRow).ConfigureAwait(false);
        return Answer(result, answer, msgid, person.PsnNo);
    }

    // One row of a bulk enrolment: its refusal is its outcome; a store failure fails the whole call (the caller
    // retries the stream, which changes nothing already done).
    private async Task<RowOutcome> EnrolRowAsync(string msgid, V1.PersonEnrolment person, int index)
    {
        try
        {
            new RequestCheck().Person($"persons[{index}]", person).ThrowIfAny();
            CheckInsuredHere(person.InsuplcAdmdvs);
            var change = await EnrolOneAsync(msgid, person, bulkRow: true).ConfigureAwait(false);
            return new RowOutcome(index, person.PsnNo, change.Outcome, null);
        }
        catch (AdjudicationException ex) when (ex.Kind is ErrorKind.InvalidArgument or ErrorKind.FailedPrecondition or ErrorKind.AlreadyExists or ErrorKind.PermissionDenied)
        {
            return new RowOutcome(index, person.PsnNo, V1.ChangeOutcome.Refused, ex);
        }
    }

    private static RowOutcome Repeated(V1.PersonEnrolment person, int index, int first) => new(index, person.PsnNo, V1.ChangeOutcome.Refused, new AdjudicationException(
        ErrorKind.InvalidArgument,
        Reasons.InvalidRequest,
        $"persons[{index}].psn_no repeats persons[{first}].psn_no of the same message; send each person once per message.",
        [new FieldViolation($"persons[{index}].psn_no", $"repeats persons[{first}].psn_no of the same message")]));

    private async Task<(WritePersonResult Result, byte[]? Answer)> WriteAsync(
        string? expectedJson, PersonProfile? before, PersonProfile next, string msgid, byte[] digest, string operation, bool bulkRow)
    {
        // An ID number names one person: a row giving another person's (a typo, a duplicate in a file) would make
        // 1101 find the wrong person, whose account and year totals would then pay. Refused before anything is written.
        foreach (var (certType, certNo) in PersonEnrolments.Credentials(next))
        {
            if (await persons.FindByCredentialAsync(certType, certNo).ConfigureAwait(false) is { } holder
                && (holder.Insuplc != next.InsuplcAdmdvs || holder.PsnNo != next.PsnNo))
            {
                throw Refusals.Precondition(Reasons.CertnoInUse,
                    $"The ID number given for person {Echo.Cut(next.PsnNo)} is already another enrolled person's; check the row's certno.");
            }
        }

        var entry = new PersonHistoryEntry(msgid, operation, ChinaTime.Format(ChinaTime.Now(clock)), PersonEnrolments.Changes(before, next));
        var shown = PersonEnrolments.ToProto(next);
        var answers = new PersonWriteAnswers(
            new V1.PersonChange { Outcome = before is null ? V1.ChangeOutcome.Enrolled : V1.ChangeOutcome.Updated, Person = shown }.ToByteArray(),
            new V1.PersonChange { Outcome = V1.ChangeOutcome.Unchanged, Person = shown }.ToByteArray());
        return await persons.WriteProfileAsync(expectedJson, next, entry, answers, digest, PersonEnrolments.Credentials(next), bulkRow).ConfigureAwait(false);
    }

    private static V1.PersonChange Answer(WritePersonResult result, byte[]? answer, string msgid, string psnNo) => result switch
    {
        WritePersonResult.Written or WritePersonResult.Unchanged or WritePersonResult.Replayed => V1.PersonChange.Parser.ParseFrom(answer!),
        WritePersonResult.MsgidConflict => throw Refusals.MsgidReused(msgid),
        WritePersonResult.AlreadyEnrolled => throw Refusals.Precondition(Reasons.PersonAlreadyEnrolled,
            $"Person {Echo.Cut(psnNo)} is enrolled already with other data; change their insurance with UpdatePerson."),
        _ => throw new AdjudicationException(ErrorKind.Aborted, Reasons.Contention, $"Person {Echo.Cut(psnNo)} changed while this call was applied; retry with the same msgid."),
    };

    private static PersonProfile Updated(PersonProfile current, V1.UpdatePersonRequest request) => current with
    {
        InsuredActive = request.HasInsuredActive ? request.InsuredActive : current.InsuredActive,
        Insutype = request.Insutype == V1.Insutype.Unspecified ? current.Insutype : (Domain.Policy.Insutype)request.Insutype,
        PersonType = request.PsnType == V1.PersonType.Unspecified ? current.PersonType : (Domain.Policy.PersonType)request.PsnType,
        CivilServant = request.HasCvlservFlag ? request.CvlservFlag : current.CivilServant,
        EnterpriseSupplementary = request.HasEnterpriseSupplementary ? request.EnterpriseSupplementary : current.EnterpriseSupplementary,
        AssistanceEligible = request.HasAssistanceEligible ? request.AssistanceEligible : current.AssistanceEligible,
    };

    private static void Count(V1.EnrolPersonsResponse response, RowOutcome row)
    {
        response.Outcomes.Add(row.Outcome);
        switch (row.Outcome)
        {
            case V1.ChangeOutcome.Enrolled:
                response.Enrolled++;
                break;
            case V1.ChangeOutcome.Unchanged:
                response.Unchanged++;
                break;
            default:
                response.Refused++;
                if (response.RefusedRows.Count < MaxRefusedRowsListed)
                {
                    response.RefusedRows.Add(new V1.RefusedRow { Index = row.Index, PsnNo = Echo.Cut(row.PsnNo), Reason = row.Refusal!.Reason, Message = row.Refusal.Message });
                }

                break;
        }
    }

    // The access rules hold the agency to this node's city; a row of a bulk stream names its own division.
    private void CheckInsuredHere(string insuplc)
    {
        if (Admdvs.CityOf(insuplc) != _city)
        {
            throw Refusals.PermissionDenied(Reasons.AgencyMismatch, $"This node keeps the persons insured in {_city}; '{Echo.Cut(insuplc)}' is another city's, enrolled by its own agency at its own node.");
        }
    }

    private sealed record RowOutcome(int Index, string PsnNo, V1.ChangeOutcome Outcome, AdjudicationException? Refusal);
}
