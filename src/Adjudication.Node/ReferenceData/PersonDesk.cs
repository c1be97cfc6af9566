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
        return await EnrolOneAsync(request.Msgid, request.Person).ConfigureAwait(false);
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
            await EnrolBatchAsync(batch, rows, response).ConfigureAwait(false);
            rows += batch.Persons.Count;
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
            var (result, answer) = await WriteAsync(json, current, next, request.Msgid, digest, "update").ConfigureAwait(false);
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

    private async Task<V1.PersonChange> EnrolOneAsync(string msgid, V1.PersonEnrolment person)
    {
        var profile = PersonEnrolments.ToProfile(person);
        var (result, answer) = await WriteAsync(null, null, profile, msgid, CallDigest.Of(person), "enrol").ConfigureAwait(false);
        return Answer(result, answer, msgid, person.PsnNo);
    }

    // One message of a bulk enrolment, in three pipelined steps over its rows, each step one batch to the store: the
    // ID numbers' index (CERTNO_IN_USE before anything is written), the persons (enrol_person_row.lua, no msgid
    // record), then the index of each person held. A row's refusal is its outcome; a store failure fails the call (the
    // caller sends the stream again, which changes nothing already done).
    private async Task EnrolBatchAsync(V1.EnrolPersonsRequest batch, int offset, V1.EnrolPersonsResponse response)
    {
        var count = batch.Persons.Count;
        var refusals = new AdjudicationException?[count];
        var profiles = CheckRows(batch, offset, refusals);
        var credentials = new List<(int CertType, string CertNo)>(count);
        var credentialRow = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            if (profiles[i] is { } profile)
            {
                credentials.Add(PersonEnrolments.IdCard(profile));
                credentialRow.Add(i);
            }
        }

        var holders = await persons.FindByCredentialsAsync(credentials).ConfigureAwait(false);
        for (var k = 0; k < holders.Length; k++)
        {
            var profile = profiles[credentialRow[k]]!;
            if (holders[k] is { } holder && (holder.Insuplc != profile.InsuplcAdmdvs || holder.PsnNo != profile.PsnNo))
            {
                refusals[credentialRow[k]] = CertnoInUse(profile.PsnNo);
            }
        }

        // An enrolment's history entry depends only on the insurance fields, so rows alike share one (and the store
        // serializes it once): a few dozen entries for a message of 5,000 rows.
        var changedAt = ChinaTime.Format(ChinaTime.Now(clock));
        var entries = new Dictionary<int, PersonHistoryEntry>();
        var written = new List<PersonEnrolmentRow>(count);
        var writtenRow = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            if (refusals[i] is null && profiles[i] is { } profile)
            {
                var alike = PersonEnrolments.InsuranceKey(profile);
                if (!entries.TryGetValue(alike, out var entry))
                {
                    entry = new PersonHistoryEntry(batch.Msgid, "enrol", changedAt, PersonEnrolments.Changes(null, profile));
                    entries.Add(alike, entry);
                }

                written.Add(new PersonEnrolmentRow(profile, entry, PersonEnrolments.Credentials(profile)));
                writtenRow.Add(i);
            }
        }

        var results = await persons.EnrolRowsAsync(written).ConfigureAwait(false);
        var outcomes = new V1.ChangeOutcome[count];
        Array.Fill(outcomes, V1.ChangeOutcome.Refused);
        for (var k = 0; k < results.Length; k++)
        {
            (outcomes[writtenRow[k]], refusals[writtenRow[k]]) = results[k] switch
            {
                EnrolRowResult.Enrolled => (V1.ChangeOutcome.Enrolled, null),
                EnrolRowResult.Unchanged => (V1.ChangeOutcome.Unchanged, null),
                _ => (V1.ChangeOutcome.Refused, AlreadyEnrolled(written[k].Profile.PsnNo)),
            };
        }

        for (var i = 0; i < count; i++)
        {
            Count(response, offset + i, batch.Persons[i].PsnNo, outcomes[i], refusals[i]);
        }
    }

    // The profile of each row that may be written (null where refused, with the refusal in <paramref name="refusals"/>).
    // The rows of a batch go to the store together, so a person twice in one batch would race with itself, and two
    // persons with one ID number would both be written before either is in the index: the later row is refused,
    // naming the earlier one.
    private PersonProfile?[] CheckRows(V1.EnrolPersonsRequest batch, int offset, AdjudicationException?[] refusals)
    {
        var profiles = new PersonProfile?[batch.Persons.Count];
        var firstRowOf = new Dictionary<string, int>(profiles.Length, StringComparer.Ordinal);
        var firstRowWith = new Dictionary<string, int>(profiles.Length, StringComparer.Ordinal);
        for (var i = 0; i < profiles.Length; i++)
        {
            var person = batch.Persons[i];
            if (!firstRowOf.TryAdd(person.PsnNo, offset + i))
            {
                refusals[i] = Repeated(offset + i, firstRowOf[person.PsnNo]);
            }
            else if (RowRefusal(person, offset + i) is { } refusal)
            {
                refusals[i] = refusal;
            }
            else if (!firstRowWith.TryAdd(person.Certno, offset + i))
            {
                refusals[i] = Refusals.Precondition(Reasons.CertnoInUse,
                    $"persons[{offset + i}].certno repeats persons[{firstRowWith[person.Certno]}].certno of the same message: an ID number names one person; check the row's certno.");
            }
            else
            {
                profiles[i] = PersonEnrolments.ToProfile(person);
            }
        }

        return profiles;
    }

    // Why a row cannot be enrolled here (its fields, its city), or null. Well-formed rows, nearly all of them, are
    // passed without building the descriptions of violations they do not have.
    private AdjudicationException? RowRefusal(V1.PersonEnrolment person, int index)
    {
        if (PersonEnrolments.IsWellFormed(person) && Admdvs.CityOf(person.InsuplcAdmdvs) == _city)
        {
            return null;
        }

        try
        {
            new RequestCheck().Person($"persons[{index}]", person).ThrowIfAny();
            CheckInsuredHere(person.InsuplcAdmdvs);
            return null;
        }
        catch (AdjudicationException ex)
        {
            return ex;
        }
    }

    private static AdjudicationException Repeated(int index, int first) => new(
        ErrorKind.InvalidArgument,
        Reasons.InvalidRequest,
        $"persons[{index}].psn_no repeats persons[{first}].psn_no of the same message; send each person once per message.",
        [new FieldViolation($"persons[{index}].psn_no", $"repeats persons[{first}].psn_no of the same message")]);

    private async Task<(WritePersonResult Result, byte[]? Answer)> WriteAsync(
        string? expectedJson, PersonProfile? before, PersonProfile next, string msgid, byte[] digest, string operation)
    {
        // An ID number names one person: a row giving another person's (a typo, a duplicate in a file) would make
        // 1101 find the wrong person, whose account and year totals would then pay. Refused before anything is written.
        foreach (var (certType, certNo) in PersonEnrolments.Credentials(next))
        {
            if (await persons.FindByCredentialAsync(certType, certNo).ConfigureAwait(false) is { } holder
                && (holder.Insuplc != next.InsuplcAdmdvs || holder.PsnNo != next.PsnNo))
            {
                throw CertnoInUse(next.PsnNo);
            }
        }

        var entry = new PersonHistoryEntry(msgid, operation, ChinaTime.Format(ChinaTime.Now(clock)), PersonEnrolments.Changes(before, next));
        var shown = PersonEnrolments.ToProto(next);
        var answers = new PersonWriteAnswers(
            new V1.PersonChange { Outcome = before is null ? V1.ChangeOutcome.Enrolled : V1.ChangeOutcome.Updated, Person = shown }.ToByteArray(),
            new V1.PersonChange { Outcome = V1.ChangeOutcome.Unchanged, Person = shown }.ToByteArray());
        return await persons.WriteProfileAsync(expectedJson, next, entry, answers, digest, PersonEnrolments.Credentials(next)).ConfigureAwait(false);
    }

    private static V1.PersonChange Answer(WritePersonResult result, byte[]? answer, string msgid, string psnNo) => result switch
    {
        WritePersonResult.Written or WritePersonResult.Unchanged or WritePersonResult.Replayed => V1.PersonChange.Parser.ParseFrom(answer!),
        WritePersonResult.MsgidConflict => throw Refusals.MsgidReused(msgid),
        WritePersonResult.AlreadyEnrolled => throw AlreadyEnrolled(psnNo),
        _ => throw new AdjudicationException(ErrorKind.Aborted, Reasons.Contention, $"Person {Echo.Cut(psnNo)} changed while this call was applied; retry with the same msgid."),
    };

    // An ID number names one person: a row giving another person's (a typo, a duplicate in a file) would make 1101
    // find the wrong person, whose account and year totals would then pay.
    private static AdjudicationException CertnoInUse(string psnNo) => Refusals.Precondition(Reasons.CertnoInUse,
        $"The ID number given for person {Echo.Cut(psnNo)} is already another enrolled person's; check the row's certno.");

    private static AdjudicationException AlreadyEnrolled(string psnNo) => Refusals.Precondition(Reasons.PersonAlreadyEnrolled,
        $"Person {Echo.Cut(psnNo)} is enrolled already with other data; change their insurance with UpdatePerson.");

    private static PersonProfile Updated(PersonProfile current, V1.UpdatePersonRequest request) => current with
    {
        InsuredActive = request.HasInsuredActive ? request.InsuredActive : current.InsuredActive,
        Insutype = request.Insutype == V1.Insutype.Unspecified ? current.Insutype : (Domain.Policy.Insutype)request.Insutype,
        PersonType = request.PsnType == V1.PersonType.Unspecified ? current.PersonType : (Domain.Policy.PersonType)request.PsnType,
        CivilServant = request.HasCvlservFlag ? request.CvlservFlag : current.CivilServant,
        EnterpriseSupplementary = request.HasEnterpriseSupplementary ? request.EnterpriseSupplementary : current.EnterpriseSupplementary,
        AssistanceEligible = request.HasAssistanceEligible ? request.AssistanceEligible : current.AssistanceEligible,
    };

    private static void Count(V1.EnrolPersonsResponse response, int index, string psnNo, V1.ChangeOutcome outcome, AdjudicationException? refusal)
    {
        response.Outcomes.Add(outcome);
        switch (outcome)
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
                    response.RefusedRows.Add(new V1.RefusedRow { Index = index, PsnNo = Echo.Cut(psnNo), Reason = refusal!.Reason, Message = refusal.Message });
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
}
