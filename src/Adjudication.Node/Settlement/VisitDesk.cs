using System.Security.Cryptography;
using Adjudication.Contracts.V1;
using Adjudication.Domain.Classification;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Policy;
using Adjudication.Domain.Visits;
using Adjudication.Node.Errors;
using Adjudication.Node.Hosting;
using Adjudication.Node.Mapping;
using Adjudication.Node.Network;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using Adjudication.Storage.Contract;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;
using DomainFeeLine = Adjudication.Domain.Classification.FeeLine;

namespace Adjudication.Node.Settlement;

/// <summary>
/// The treatment side of a visit (就医地管理): person lookup, registration, fee upload classified against this
/// region's catalog (DESIGN.md §4.1), discharge. A person insured in another city is looked up there; before their
/// visit opens, this node checks from its copy of their filings that the visit may be settled here (DESIGN.md §3, §5).
/// </summary>
internal sealed class VisitDesk(
    PersonStore persons,
    VisitStore visits,
    CatalogStore catalogs,
    ReferenceDataStore referenceData,
    ZoneStore zones,
    NetworkClient network,
    FilingPropagation filings,
    IOptions<NodeOptions> options)
{
    private readonly NodeOptions _options = options.Value;

    /// <summary>1101: the person's insurance at their insured city, asked over the network when that is another city.</summary>
    public async Task<GetPersonResponse> GetPersonAsync(GetPersonRequest request, ServerCallContext? context)
    {
        CheckGetPerson(request);
        return IsServedHere(request.InsuplcAdmdvs)
            ? await FindPersonCoreAsync(request).ConfigureAwait(false)
            : await network.SendAsync(RawMethods.FindPerson, request.InsuplcAdmdvs, request, GetPersonResponse.Parser, context).ConfigureAwait(false);
    }

    /// <summary>1101 at the insured city, for a lookup relayed from a treatment city.</summary>
    public Task<GetPersonResponse> FindPersonHereAsync(GetPersonRequest request)
    {
        CheckGetPerson(request);
        return FindPersonCoreAsync(request);
    }

    private async Task<GetPersonResponse> FindPersonCoreAsync(GetPersonRequest request)
    {
        var found = await persons.FindByCredentialAsync((int)request.MdtrtCertType, request.MdtrtCertNo).ConfigureAwait(false);
        var person = found is { } f && Admdvs.CityOf(f.Insuplc) == Admdvs.CityOf(request.InsuplcAdmdvs)
            ? await persons.GetAsync(f.Insuplc, f.PsnNo).ConfigureAwait(false)
            : null;
        if (person is null)
        {
            throw Refusals.NotFound(Reasons.PersonNotFound, $"No person with this credential is insured in {request.InsuplcAdmdvs}; check the credential type, number and insured region.");
        }

        var p = person.Profile;
        return new GetPersonResponse
        {
            PsnNo = p.PsnNo,
            PsnName = p.Name,
            Insutype = (Contracts.V1.Insutype)p.Insutype,
            PsnType = (Contracts.V1.PersonType)p.PersonType,
            InsuplcAdmdvs = p.InsuplcAdmdvs,
            InsuredActive = p.InsuredActive,
            Balc = person.Balance.Fen,
            CvlservFlag = p.CivilServant,
        };
    }

    /// <summary>2201/2401: opens a visit at a designated institution of this city.</summary>
    public async Task<RegisterVisitResponse> RegisterAsync(RegisterVisitRequest request, ServerCallContext? context)
    {
        var treatment = request.MdtrtareaAdmvs.Length == 0 ? _options.Admdvs : request.MdtrtareaAdmvs;
        var check = new RequestCheck()
            .TerminalCall(request.FixmedinsCode, request.Msgid, request.PsnNo, request.InsuplcAdmdvs)
            .Admdvs("mdtrtarea_admvs", treatment)
            .Defined("insutype", request.Insutype is Contracts.V1.Insutype.EmployeeBasic or Contracts.V1.Insutype.ResidentBasic, (int)request.Insutype)
            .Defined("med_type", MedTypes.IsDefined((Domain.Policy.MedType)request.MedType), (int)request.MedType)
            .DateTime("begntime", request.Begntime, out var begin)
            .That(request.DiseCodg.Length <= RequestCheck.MaxIdLength, "dise_codg", $"at most {RequestCheck.MaxIdLength} characters")
            .That(request.MedType != Contracts.V1.MedType.ChronicSpecialOutpatient || request.ChronicDiseCodg.Length is > 0 and <= RequestCheck.MaxIdLength,
                "chronic_dise_codg", "is required for med_type 14 (门诊慢特病)");
        check.ThrowIfAny();
        if (Admdvs.CityOf(treatment) != Admdvs.CityOf(_options.Admdvs))
        {
            throw Refusals.Precondition(Reasons.InstitutionMismatch, $"This node registers visits treated in {_options.Admdvs}; {treatment} is served by its own city's node.");
        }

        var institution = await referenceData.GetInstitutionAsync(request.FixmedinsCode).ConfigureAwait(false);
        // Designated on the day the visit starts (DESIGN.md §12: designation dates, suspension).
        if (institution is null || !institution.IsDesignatedOn(DateOnly.FromDateTime(begin)) || Admdvs.CityOf(institution.Admdvs) != Admdvs.CityOf(_options.Admdvs))
        {
            throw Refusals.Precondition(Reasons.InstitutionNotDesignated, $"{request.FixmedinsCode} is not a designated institution of {_options.Admdvs}; settle the visit as self-paid or ask the treatment region's agency.");
        }

        if (IsServedHere(request.InsuplcAdmdvs))
        {
            var person = await persons.GetAsync(request.InsuplcAdmdvs, request.PsnNo).ConfigureAwait(false)
                ?? throw Refusals.NotFound(Reasons.PersonNotFound, $"Person {request.PsnNo} is not known in {request.InsuplcAdmdvs}; check psn_no with a 1101 lookup.");
            if ((int)person.Profile.Insutype != (int)request.Insutype)
            {
                throw Refusals.Precondition(Reasons.PersonNotInsured, $"Person {request.PsnNo} is insured under insutype {(int)person.Profile.Insutype}, not {(int)request.Insutype}; register the visit with that insutype.");
            }
        }
        else
        {
            var facts = new VisitFacts(treatment, DateOnly.FromDateTime(begin), (Domain.Policy.MedType)request.MedType, request.ChronicDiseCodg);
            await RequireFilingRouteAsync(request.PsnNo, request.InsuplcAdmdvs, facts, context).ConfigureAwait(false);
        }

        var mdtrtId = await visits.NextVisitIdAsync(Admdvs.CityOf(_options.Admdvs)).ConfigureAwait(false);
        var visit = new Visit(mdtrtId, request.PsnNo, request.InsuplcAdmdvs, request.FixmedinsCode, institution.Level, treatment,
            (Domain.Policy.Insutype)request.Insutype, (Domain.Policy.MedType)request.MedType, begin, request.DiseCodg, request.ChronicDiseCodg, null);
        var (outcome, id) = await visits.RegisterAsync(visit, request.Msgid, Digest.Of(request)).ConfigureAwait(false);
        return outcome == RegisterVisitResult.MsgidConflict ? throw Refusals.MsgidReused(request.Msgid) : new RegisterVisitResponse { MdtrtId = id };
    }

    public async Task<UploadFeesResponse> UploadFeesAsync(UploadFeesRequest request)
    {
        var check = new RequestCheck()
            .TerminalCall(request.FixmedinsCode, request.Msgid, request.PsnNo, request.InsuplcAdmdvs)
            .Id("mdtrt_id", request.MdtrtId)
            .That(request.FeeLines.Count > 0, "fee_lines", "must hold at least one line")
            .That(request.FeeLines.Count <= _options.MaxFeeLinesPerCall, "fee_lines", $"holds {request.FeeLines.Count} lines; at most {_options.MaxFeeLinesPerCall} per call, split the bill over several calls");
        check.ThrowIfAny();

        var visit = await visits.GetOwnedAsync(request.InsuplcAdmdvs, request.PsnNo, request.MdtrtId, request.FixmedinsCode, "add fees to").ConfigureAwait(false);

        var visitDate = DateOnly.FromDateTime(visit.Visit.BeginTime);
        var totals = visit.Totals;
        var catalog = catalogs.Current;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var writes = new List<FeeLineWrite>(request.FeeLines.Count);
        var response = new UploadFeesResponse();
        var mismatch = new RequestCheck();
        for (var i = 0; i < request.FeeLines.Count; i++)
        {
            var line = request.FeeLines[i];
            var path = $"fee_lines[{i}]";
            var date = visitDate;
            check.Id($"{path}.feedetl_sn", line.FeedetlSn)
                .Id($"{path}.med_list_codg", line.MedListCodg)
                .That(seen.Add(line.FeedetlSn), $"{path}.feedetl_sn", $"'{Echo.Cut(line.FeedetlSn)}' appears twice in this call")
                .That(line.Pric >= 0, $"{path}.pric", "must not be negative")
                .That(line.Cnt > 0, $"{path}.cnt", "must be positive")
                .That(line.DetItemFeeSumamt >= 0, $"{path}.det_item_fee_sumamt", "must not be negative");
            if (line.FeeOcurTime.Length > 0)
            {
                check.Date($"{path}.fee_ocur_time", line.FeeOcurTime, out date);
            }

            if (check.HasViolations || line.Pric < 0 || line.Cnt <= 0)
            {
                continue;
            }

            var version = catalog.InForceOn(date);
            var entry = version is not null && version.TryFind(line.MedListCodg, out var found) ? found : null;
            ClassifiedLine classified;
            try
            {
                if (!ItemClassifier.TryClassify(new DomainFeeLine(line.FeedetlSn, line.MedListCodg, line.Pric, line.Cnt, line.DetItemFeeSumamt, date, line.HospApprFlag), entry, out classified))
                {
                    mismatch.Add($"{path}.det_item_fee_sumamt", $"feedetl_sn {line.FeedetlSn}: {line.DetItemFeeSumamt} fen differs from round(pric × cnt); send the computed amount or 0");
                    continue;
                }
            }
            catch (OverflowException)
            {
                check.Add($"{path}.pric", "pric × cnt is too large for an amount in fen");
                continue;
            }

            try
            {
                // Checked here, before the store adds the line: a visit total that overflows must be refused whole,
                // not half-written by the script.
                totals = totals.Add(classified);
            }
            catch (OverflowException)
            {
                check.Add($"{path}.pric", "the visit's total would exceed the largest amount in fen; check prices and quantities");
                continue;
            }

            var result = ProtoMapping.ToResult(line.FeedetlSn, line.MedListCodg, classified, version?.Version ?? string.Empty);
            response.Results.Add(result);
            writes.Add(new FeeLineWrite(line.FeedetlSn, SHA256.HashData(line.ToByteArray()), result.ToByteArray(), classified));
        }

        check.ThrowIfAny();
        mismatch.ThrowIfAny(Reasons.FeeAmountMismatch);
        var (outcome, sn) = await visits.UploadFeesAsync(visit, writes).ConfigureAwait(false);
        switch (outcome)
        {
            case UploadFeesResult.VisitNotFound:
                throw Refusals.NotFound(Reasons.VisitNotFound, $"Visit {request.MdtrtId} is not registered here.");
            case UploadFeesResult.VisitNotOpen:
                throw Refusals.Precondition(Reasons.VisitAlreadySettled, $"Visit {request.MdtrtId} is settled; cancel the settlement (2208/2305) before adding fees.");
            case UploadFeesResult.FeeLineConflict:
                throw new AdjudicationException(ErrorKind.AlreadyExists, Reasons.FeeLineConflict, $"feedetl_sn {sn} was already uploaded with different content; use a new feedetl_sn for a new line.");
            case UploadFeesResult.Added:
            default:
                break;
        }

        var after = await visits.GetAsync(request.InsuplcAdmdvs, request.PsnNo, request.MdtrtId).ConfigureAwait(false);
        response.MedfeeSumamt = after?.Totals.MedFeeSum.Fen ?? 0;
        return response;
    }

    public async Task<DischargeResponse> DischargeAsync(DischargeRequest request)
    {
        new RequestCheck()
            .TerminalCall(request.FixmedinsCode, request.Msgid, request.PsnNo, request.InsuplcAdmdvs)
            .Id("mdtrt_id", request.MdtrtId)
            .DateTime("endtime", request.Endtime, out var end)
            .ThrowIfAny();
        var visit = await visits.GetOwnedAsync(request.InsuplcAdmdvs, request.PsnNo, request.MdtrtId, request.FixmedinsCode, "discharge").ConfigureAwait(false);

        if (MedTypes.GroupOf(visit.Visit.MedType) != MedGroup.Inpatient)
        {
            throw Refusals.Precondition(Reasons.VisitNotOpen, $"Visit {request.MdtrtId} is not an inpatient stay; only admissions are discharged.");
        }

        if (end < visit.Visit.BeginTime)
        {
            new RequestCheck().That(false, "endtime", $"is before the admission time {visit.Visit.BeginTime:yyyy-MM-dd HH:mm:ss}").ThrowIfAny();
        }

        return await visits.DischargeAsync(visit.Visit with { EndTime = end }, request.Msgid, Digest.Of(request)).ConfigureAwait(false) switch
        {
            DischargeResult.Discharged or DischargeResult.Replayed => new DischargeResponse { MdtrtId = request.MdtrtId },
            DischargeResult.MsgidConflict => throw Refusals.MsgidReused(request.Msgid),
            _ => throw Refusals.NotFound(Reasons.VisitNotFound, $"Visit {request.MdtrtId} is not registered here."),
        };
    }

    // Off-site visits need a route to eligibility (DESIGN.md §5): an emergency, an integration zone, or a filing that
    // covers this city. Emergencies and zones need no filing; the province hands each zone to every member city, so the
    // zones this city holds tell whether both cities share one. The insured city applies the reduction at settlement
    // with its authoritative filings; this check refuses early, at the counter, with the reason.
    private async Task RequireFilingRouteAsync(string psnNo, string insuplc, VisitFacts facts, ServerCallContext? context)
    {
        var treatmentCity = Admdvs.CityOf(facts.TreatmentAdmdvs);
        if (MedTypes.IsEmergency(facts.MedType)
            || IntegrationZone.Joining(await zones.GetAllAsync().ConfigureAwait(false), Admdvs.CityOf(insuplc), treatmentCity) is not null)
        {
            return;
        }

        var covering = await filings.CoveringAsync(insuplc, psnNo, treatmentCity, context).ConfigureAwait(false);
        EligibilityRules.RequireRoute(insuplc, facts, covering);
    }

    // Persons of this city are read here; so are all persons on a node without a network, which then finds none.
    private bool IsServedHere(string insuplc) => Admdvs.CityOf(insuplc) == Admdvs.CityOf(_options.Admdvs) || !network.IsConnected;

    private static void CheckGetPerson(GetPersonRequest request) =>
        new RequestCheck()
            .Fixmedins("fixmedins_code", request.FixmedinsCode)
            .Defined("mdtrt_cert_type", request.MdtrtCertType is >= MdtrtCertType.EVoucher and <= MdtrtCertType.SocialSecurityCard, (int)request.MdtrtCertType)
            .Id("mdtrt_cert_no", request.MdtrtCertNo)
            .Admdvs("insuplc_admdvs", request.InsuplcAdmdvs)
            .ThrowIfAny();
}
