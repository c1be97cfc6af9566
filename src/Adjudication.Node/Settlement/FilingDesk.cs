using Adjudication.Contracts.V1;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Time;
using Adjudication.Node.Hosting;
using Adjudication.Node.Mapping;
using Adjudication.Node.Network;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using Adjudication.Storage.Contract;
using Grpc.Core;
using Microsoft.Extensions.Options;
using DomainFiling = Adjudication.Domain.Eligibility.Filing;
using FilingClass = Adjudication.Domain.Eligibility.FilingClass;
using FilingStatus = Adjudication.Domain.Eligibility.FilingStatus;

namespace Adjudication.Node.Settlement;

/// <summary>
/// Filings at the insured city (DESIGN.md §5): register, extend, revoke, read; every change a new version, pushed toward
/// its destination as it is written (DESIGN.md §3).
/// </summary>
internal sealed class FilingDesk(FilingStore filings, PersonStore persons, FilingPropagation propagation, TimeProvider clock, IOptions<NodeOptions> options)
{
    private readonly NodeOptions _options = options.Value;

    public async Task<Contracts.V1.Filing> RegisterAsync(RegisterFilingRequest request, ServerCallContext? context)
    {
        var filingClass = (FilingClass)request.FilingClass;
        var check = new RequestCheck()
            .Msgid("msgid", request.Msgid, null)
            .Id("psn_no", request.PsnNo)
            .Admdvs("insuplc_admdvs", request.InsuplcAdmdvs)
            .Defined("filing_class", FilingClasses.IsDefined(filingClass), (int)request.FilingClass)
            .Date("begndate", request.Begndate, out var begin);
        if (filingClass == FilingClass.ChronicDisease)
        {
            check.Id("chronic_dise_codg", request.ChronicDiseCodg);
        }
        else
        {
            check.Optional("chronic_dise_codg", request.ChronicDiseCodg)
                .Admdvs("dest_admdvs", request.DestAdmdvs)
                // Compared only when both codes are well formed; a malformed one is already a violation of its own.
                .That(!Admdvs.IsValid(request.DestAdmdvs) || !Admdvs.IsValid(request.InsuplcAdmdvs) || Admdvs.CityOf(request.DestAdmdvs) != Admdvs.CityOf(request.InsuplcAdmdvs),
                    "dest_admdvs", "must be outside the insured city; no filing is needed at home");
        }

        DateOnly? end = null;
        if (request.Enddate.Length > 0 && !FilingClasses.IsLongTerm(filingClass))
        {
            check.Date("enddate", request.Enddate, out var e).That(e >= begin, "enddate", "must not be before begndate");
            end = e;
        }

        check.ThrowIfAny();
        if (end is null && FilingClasses.IsTemporary(filingClass))
        {
            // Only from a checked begndate (at most RequestCheck.MaxDate): six months on stays a date .NET can hold.
            end = begin.AddMonths(FilingClasses.TemporaryValidityMonths).AddDays(-1);
        }

        await RequirePersonAsync(request.InsuplcAdmdvs, request.PsnNo).ConfigureAwait(false);
        var id = await filings.NextFilingIdAsync(Admdvs.CityOf(request.InsuplcAdmdvs)).ConfigureAwait(false);
        var filing = new DomainFiling(id, 1, request.PsnNo, request.InsuplcAdmdvs, filingClass,
            filingClass == FilingClass.ChronicDisease ? string.Empty : request.DestAdmdvs, begin, end, FilingStatus.Active,
            request.ChronicDiseCodg, ChinaTime.Now(clock));
        return await WriteAsync(filing, 0, request.Msgid, Digest.Of(request), context).ConfigureAwait(false);
    }

    public async Task<Contracts.V1.Filing> ExtendAsync(ExtendFilingRequest request, ServerCallContext? context)
    {
        new RequestCheck()
            .Msgid("msgid", request.Msgid, null)
            .Id("psn_no", request.PsnNo)
            .Admdvs("insuplc_admdvs", request.InsuplcAdmdvs)
            .Id("filing_id", request.FilingId)
            .Date("enddate", request.Enddate, out var end)
            .ThrowIfAny();
        var current = await CurrentAsync(request.InsuplcAdmdvs, request.PsnNo, request.FilingId).ConfigureAwait(false);
        if (current.Status != FilingStatus.Active || current.EndDate is null || end <= current.EndDate)
        {
            throw Refusals.Precondition(Reasons.FilingNotExtendable, $"Filing {request.FilingId} cannot be extended to {request.Enddate}: only an active filing with an end date can be extended, to a later date.");
        }

        var next = current with { Version = current.Version + 1, EndDate = end, UpdatedAt = ChinaTime.Now(clock) };
        return await WriteAsync(next, current.Version, request.Msgid, Digest.Of(request), context).ConfigureAwait(false);
    }

    public async Task<Contracts.V1.Filing> RevokeAsync(RevokeFilingRequest request, ServerCallContext? context)
    {
        new RequestCheck()
            .Msgid("msgid", request.Msgid, null)
            .Id("psn_no", request.PsnNo)
            .Admdvs("insuplc_admdvs", request.InsuplcAdmdvs)
            .Id("filing_id", request.FilingId)
            .ThrowIfAny();
        var current = await CurrentAsync(request.InsuplcAdmdvs, request.PsnNo, request.FilingId).ConfigureAwait(false);
        var next = current with { Version = current.Version + 1, Status = FilingStatus.Revoked, UpdatedAt = ChinaTime.Now(clock) };
        return await WriteAsync(next, current.Version, request.Msgid, Digest.Of(request), context).ConfigureAwait(false);
    }

    public async Task<Contracts.V1.Filing> GetAsync(GetFilingRequest request)
    {
        new RequestCheck().Id("psn_no", request.PsnNo).Admdvs("insuplc_admdvs", request.InsuplcAdmdvs).Id("filing_id", request.FilingId).ThrowIfAny();
        return ProtoMapping.ToProto(await CurrentAsync(request.InsuplcAdmdvs, request.PsnNo, request.FilingId).ConfigureAwait(false));
    }

    public async Task<ListFilingHistoryResponse> HistoryAsync(ListFilingHistoryRequest request)
    {
        new RequestCheck().Id("psn_no", request.PsnNo).Admdvs("insuplc_admdvs", request.InsuplcAdmdvs).ThrowIfAny();
        var response = new ListFilingHistoryResponse();
        foreach (var version in await filings.GetHistoryAsync(request.InsuplcAdmdvs, request.PsnNo).ConfigureAwait(false))
        {
            response.Versions.Add(ProtoMapping.ToProto(version));
        }

        return response;
    }

    private async Task<Contracts.V1.Filing> WriteAsync(DomainFiling filing, long expectedVersion, string msgid, byte[] digest, ServerCallContext? context)
    {
        var (outcome, stored) = await filings.WriteAsync(filing, expectedVersion, msgid, digest, propagation.OwesPush(filing)).ConfigureAwait(false);
        switch (outcome)
        {
            case WriteFilingResult.Written or WriteFilingResult.Replayed:
                // A replay pushes again: the first push may be what the caller's retry is about; caches ignore old versions.
                await propagation.PublishAsync(stored!, context).ConfigureAwait(false);
                return ProtoMapping.ToProto(stored!);
            case WriteFilingResult.MsgidConflict:
                throw Refusals.MsgidReused(msgid);
            default:
                throw new AdjudicationException(ErrorKind.Aborted, Reasons.Contention, $"Filing {filing.FilingId} changed while this call was applied; read it again and retry with a new msgid.");
        }
    }

    private async Task<DomainFiling> CurrentAsync(string insuplc, string psnNo, string filingId)
    {
        CheckInsuredHere(insuplc);
        return await filings.GetAsync(insuplc, psnNo, filingId).ConfigureAwait(false)
            ?? throw Refusals.NotFound(Reasons.FilingNotFound, $"Filing {filingId} of person {psnNo} does not exist; list the person's filings with ListFilingHistory.");
    }

    private async Task RequirePersonAsync(string insuplc, string psnNo)
    {
        CheckInsuredHere(insuplc);
        _ = await persons.GetAsync(insuplc, psnNo).ConfigureAwait(false)
            ?? throw Refusals.NotFound(Reasons.PersonNotFound, $"Person {psnNo} is not insured in {insuplc}.");
    }

    private void CheckInsuredHere(string insuplc)
    {
        if (Admdvs.CityOf(insuplc) != Admdvs.CityOf(_options.Admdvs))
        {
            throw Refusals.Precondition(Reasons.NotInsuredHere, $"Filings of persons insured in {insuplc} are kept by their own city's node; this node serves {_options.Admdvs}.");
        }
    }
}
