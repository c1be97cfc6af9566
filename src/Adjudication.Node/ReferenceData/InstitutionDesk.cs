using System.Globalization;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Institutions;
using Adjudication.Node.Errors;
using Adjudication.Node.Hosting;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using Adjudication.Storage.Contract;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using DomainLevel = Adjudication.Domain.Policy.HospitalLevel;
using V1 = Adjudication.Contracts.V1;

namespace Adjudication.Node.ReferenceData;

/// <summary>
/// Designated institutions (定点医药机构) of this city, kept by its agency (DESIGN.md §12): designate for a period,
/// suspend, end. An institution's calls are let in only while it is designated (AccessRules, VisitDesk).
/// </summary>
internal sealed class InstitutionDesk(ReferenceDataStore referenceData, IOptions<NodeOptions> options)
{
    // Recomputations of a change after another change of the same institution got in first, before ABORTED.
    private const int MaxAttempts = 5;

    private readonly string _city = Admdvs.CityOf(options.Value.Admdvs);

    public Task<V1.DesignatedInstitution> DesignateAsync(V1.DesignateInstitutionRequest request)
    {
        var check = CheckInstitution(request.Msgid, request.FixmedinsCode, request.Admdvs)
            .That(!string.IsNullOrWhiteSpace(request.FixmedinsName) && request.FixmedinsName.Length <= RequestCheck.MaxIdLength, "fixmedins_name", $"is required and at most {RequestCheck.MaxIdLength} characters")
            .Defined("hosp_lv", request.HospLv != V1.HospitalLevel.Unspecified && Enum.IsDefined(request.HospLv), (int)request.HospLv)
            .Date("begndate", request.Begndate, out var begin);
        DateOnly? end = null;
        if (request.Enddate.Length > 0)
        {
            check.Date("enddate", request.Enddate, out var e).That(e >= begin, "enddate", "must not be before begndate");
            end = e;
        }

        check.ThrowIfAny();
        var designated = new Institution(request.FixmedinsCode, request.FixmedinsName, request.Admdvs, (DomainLevel)request.HospLv, Designated: true, begin, end, Suspended: false);
        return WriteAsync(request.FixmedinsCode, request.Msgid, request, _ => designated);
    }

    public Task<V1.DesignatedInstitution> SuspendAsync(V1.SuspendInstitutionRequest request)
    {
        CheckInstitution(request.Msgid, request.FixmedinsCode, request.Admdvs).ThrowIfAny();
        return WriteAsync(request.FixmedinsCode, request.Msgid, request, current => Existing(current, request.FixmedinsCode) with { Suspended = true });
    }

    public Task<V1.DesignatedInstitution> EndAsync(V1.EndInstitutionRequest request)
    {
        CheckInstitution(request.Msgid, request.FixmedinsCode, request.Admdvs).Date("enddate", request.Enddate, out var end).ThrowIfAny();
        return WriteAsync(request.FixmedinsCode, request.Msgid, request, current => Existing(current, request.FixmedinsCode) with { EndDate = end });
    }

    private async Task<V1.DesignatedInstitution> WriteAsync(string code, string msgid, IMessage request, Func<Institution?, Institution> change)
    {
        var digest = CallDigest.Of(request);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await referenceData.ReadInstitutionAsync(code).ConfigureAwait(false);
            // Held to this city: an institution another city registered is not this agency's to change.
            var held = current is { } c && Admdvs.CityOf(c.Institution.Admdvs) == _city ? c.Institution : null;
            var (result, stored) = await referenceData.WriteInstitutionAsync(current?.Json, change(held), msgid, digest).ConfigureAwait(false);
            switch (result)
            {
                case WriteInstitutionResult.Written or WriteInstitutionResult.Unchanged or WriteInstitutionResult.Replayed:
                    return ToProto(stored!);
                case WriteInstitutionResult.MsgidConflict:
                    throw Refusals.MsgidReused(msgid);
            }
        }

        throw new AdjudicationException(ErrorKind.Aborted, Reasons.Contention, $"Institution {code} kept changing while this call was applied; retry with the same msgid.");
    }

    private Institution Existing(Institution? current, string code) => current
        ?? throw Refusals.NotFound(Reasons.InstitutionNotFound, $"Institution {Echo.Cut(code)} is not registered in {_city}; designate it with DesignateInstitution.");

    private RequestCheck CheckInstitution(string msgid, string code, string admdvs)
    {
        var check = new RequestCheck().AgencyMsgid("msgid", msgid).Fixmedins("fixmedins_code", code).Admdvs("admdvs", admdvs);
        if (Admdvs.IsValid(admdvs) && Admdvs.CityOf(admdvs) != _city)
        {
            throw Refusals.PermissionDenied(Reasons.AgencyMismatch, $"This node keeps the institutions of {_city}, not of '{Echo.Cut(admdvs)}'.");
        }

        return check;
    }

    private static V1.DesignatedInstitution ToProto(Institution institution) => new()
    {
        FixmedinsCode = institution.FixmedinsCode,
        FixmedinsName = institution.Name,
        Admdvs = institution.Admdvs,
        HospLv = (V1.HospitalLevel)institution.Level,
        Begndate = Date(institution.BeginDate),
        Enddate = Date(institution.EndDate),
        Status = !institution.Designated ? V1.DesignationStatus.NotDesignated
            : institution.Suspended ? V1.DesignationStatus.Suspended
            : V1.DesignationStatus.Designated,
    };

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
