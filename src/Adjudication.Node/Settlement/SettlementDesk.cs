using Adjudication.Contracts.V1;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Time;
using Adjudication.Domain.Visits;
using Adjudication.Node.Errors;
using Adjudication.Node.Hosting;
using Adjudication.Node.Mapping;
using Adjudication.Node.Network;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using Adjudication.Domain.Classification;
using Adjudication.Domain.Units;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;
using DomainPolicy = Adjudication.Domain.Policy;

namespace Adjudication.Node.Settlement;

/// <summary>
/// Pre-settle, settle, cancel and reverse. For persons insured at this node (参保地政策, DESIGN.md §4.2) a settle reads
/// near-cached snapshots, computes with the engine and commits in one script; if a snapshot went stale it reloads and
/// recomputes, so concurrent settles for one person serialize without locks and never exceed a cap. For persons
/// insured elsewhere this node is the treatment city (就医地管理, DESIGN.md §3): it sends the visit's classified totals
/// to the insured city, which computes and commits, and records the hospital-side settlement when the answer returns.
/// </summary>
internal sealed class SettlementDesk(
    PersonStore persons,
    VisitStore visits,
    SettlementStore settlements,
    ReferenceDataStore referenceData,
    NetworkClient network,
    TimeProvider clock,
    IOptions<NodeOptions> options,
    ILogger<SettlementDesk> logger)
{
    private readonly NodeOptions _options = options.Value;

    /// <summary>A terminal's pre-settle (2206/2303) or settle (2207/2304), for a person insured here or elsewhere.</summary>
    public async Task<SettleResponse> SettleAsync(SettleRequest request, bool commit, ServerCallContext? context)
    {
        CheckSettle(request);
        return IsInsuredHere(request.InsuplcAdmdvs)
            ? await SettleHereAsync(request, commit, remote: null).ConfigureAwait(false)
            : await SettleElsewhereAsync(request, commit, context).ConfigureAwait(false);
    }

    /// <summary>The insured city's half of a settlement for a visit recorded at another city (NetworkService.Adjudicate).</summary>
    public async Task<SettleResponse> AdjudicateAsync(AdjudicateRequest request)
    {
        var settle = request.Settle ?? new SettleRequest();
        CheckSettle(settle);
        CheckInsuredHere(settle.InsuplcAdmdvs);
        var summary = request.Visit ?? new VisitSummary();
        new RequestCheck()
            .That(summary.MdtrtId == settle.MdtrtId, "visit.mdtrt_id", "must equal settle.mdtrt_id")
            .That(summary.FixmedinsCode == settle.FixmedinsCode, "visit.fixmedins_code", "must equal settle.fixmedins_code")
            .Admdvs("visit.mdtrtarea_admvs", summary.MdtrtareaAdmvs)
            .Defined("visit.hosp_lv", Enum.IsDefined((DomainPolicy.HospitalLevel)summary.HospLv) && summary.HospLv != Contracts.V1.HospitalLevel.Unspecified, (int)summary.HospLv)
            .Defined("visit.insutype", summary.Insutype is Contracts.V1.Insutype.EmployeeBasic or Contracts.V1.Insutype.ResidentBasic, (int)summary.Insutype)
            .Defined("visit.med_type", DomainPolicy.MedTypes.IsDefined((DomainPolicy.MedType)summary.MedType), (int)summary.MedType)
            .DateTime("visit.begntime", summary.Begntime, out var begin)
            .Optional("visit.dise_codg", summary.DiseCodg)
            .Optional("visit.chronic_dise_codg", summary.ChronicDiseCodg)
            .That(summary.MedfeeSumamt >= 0 && summary.FulamtOwnpayAmt >= 0 && summary.OverlmtSelfpay >= 0 && summary.PreselfpayAmt >= 0 && summary.InscpScpAmt >= 0,
                "visit.medfee_sumamt", "totals must not be negative")
            .That(summary.InscpScpAmt <= summary.MedfeeSumamt, "visit.inscp_scp_amt", "must not exceed medfee_sumamt")
            .ThrowIfAny();
        var visit = new Visit(summary.MdtrtId, settle.PsnNo, settle.InsuplcAdmdvs, summary.FixmedinsCode, (DomainPolicy.HospitalLevel)summary.HospLv,
            summary.MdtrtareaAdmvs, (DomainPolicy.Insutype)summary.Insutype, (DomainPolicy.MedType)summary.MedType, begin, summary.DiseCodg, summary.ChronicDiseCodg, null);
        var totals = new ItemTotals(new Money(summary.MedfeeSumamt), new Money(summary.FulamtOwnpayAmt), new Money(summary.OverlmtSelfpay),
            new Money(summary.PreselfpayAmt), new Money(summary.InscpScpAmt));
        return await SettleHereAsync(settle, request.Commit, VisitSnapshot.Remote(visit, totals)).ConfigureAwait(false);
    }

    private async Task<SettleResponse> SettleElsewhereAsync(SettleRequest request, bool commit, ServerCallContext? context)
    {
        var visit = await visits.GetAsync(request.InsuplcAdmdvs, request.PsnNo, request.MdtrtId).ConfigureAwait(false)
            ?? throw Refusals.NotFound(Reasons.VisitNotFound, $"Visit {request.MdtrtId} of person {request.PsnNo} is not registered here; register it (2201/2401) first.");
        if (visit.Visit.FixmedinsCode != request.FixmedinsCode)
        {
            throw Refusals.PermissionDenied(Reasons.InstitutionMismatch, $"Visit {request.MdtrtId} belongs to another institution; only the institution that registered it may settle it.");
        }

        if (visit.LineCount == 0)
        {
            throw Refusals.Precondition(Reasons.NoFeeLines, $"Visit {request.MdtrtId} has no fee lines; upload them (2204/2301) before settling.");
        }

        // The insured city owns idempotency: a retry after a lost answer reaches it again and gets the stored result.
        var adjudicate = new AdjudicateRequest { Settle = request, Commit = commit, Visit = Summarize(visit) };
        var response = await network.SendAsync(RawMethods.Adjudicate, request.InsuplcAdmdvs, adjudicate, SettleResponse.Parser, context).ConfigureAwait(false);
        if (commit)
        {
            await visits.RecordSettledAsync(visit.Visit, response.SetlId, request.Msgid, response.ToByteArray()).ConfigureAwait(false);
        }

        return response;
    }

    private async Task<SettleResponse> SettleHereAsync(SettleRequest request, bool commit, VisitSnapshot? remote)
    {
        var digest = commit ? Digest.Of(request) : [];
        for (var attempt = 1; attempt <= _options.MaxSettleAttempts; attempt++)
        {
            var visit = remote ?? await visits.GetAsync(request.InsuplcAdmdvs, request.PsnNo, request.MdtrtId).ConfigureAwait(false)
                ?? throw Refusals.NotFound(Reasons.VisitNotFound, $"Visit {request.MdtrtId} of person {request.PsnNo} is not registered here; register it (2201/2401) first.");
            if (visit.Visit.FixmedinsCode != request.FixmedinsCode)
            {
                throw Refusals.PermissionDenied(Reasons.InstitutionMismatch, $"Visit {request.MdtrtId} belongs to another institution; only the institution that registered it may settle it.");
            }

            if (visit.Status != VisitStatus.Open)
            {
                if (commit && await ReplayAsync(request, digest).ConfigureAwait(false) is { } replay)
                {
                    return replay;
                }

                throw Refusals.Precondition(Reasons.VisitAlreadySettled, $"Visit {request.MdtrtId} is already settled as {visit.SetlId}; cancel that settlement (2208/2305) before settling again.");
            }

            if (!visit.IsRemote && visit.LineCount == 0)
            {
                throw Refusals.Precondition(Reasons.NoFeeLines, $"Visit {request.MdtrtId} has no fee lines; upload them (2204/2301) before settling.");
            }

            var person = await persons.GetAsync(request.InsuplcAdmdvs, request.PsnNo).ConfigureAwait(false)
                ?? throw Refusals.NotFound(Reasons.PersonNotFound, $"Person {request.PsnNo} is not known in {request.InsuplcAdmdvs}; check psn_no with a 1101 lookup.");
            if (person.Profile.Insutype != visit.Visit.Insutype)
            {
                throw Refusals.Precondition(Reasons.PersonNotInsured, $"Person {request.PsnNo} is insured under insutype {(int)person.Profile.Insutype}, not {(int)visit.Visit.Insutype}; register the visit with that insutype.");
            }

            var policy = await referenceData.GetPolicyAsync(Admdvs.CityOf(person.Profile.InsuplcAdmdvs), visit.Visit.Insutype).ConfigureAwait(false)
                ?? throw Refusals.Precondition(Reasons.PolicyNotFound, $"{person.Profile.InsuplcAdmdvs} has no policy for insutype {(int)visit.Visit.Insutype}; the insured region's agency must load it.");

            var now = ChinaTime.Now(clock);
            if (person.Year != now.Year)
            {
                persons.Forget(request.InsuplcAdmdvs, request.PsnNo);
                continue;
            }

            var facts = new VisitFacts(visit.Visit.TreatmentAdmdvs, DateOnly.FromDateTime(visit.Visit.BeginTime), visit.Visit.MedType, visit.Visit.ChronicDiseaseCode);
            var eligibility = EligibilityRules.Decide(person.Profile, facts, person.Filings, policy);
            var input = new SettlementInput(
                visit.Totals,
                visit.Visit.MedType,
                visit.Visit.HospitalLevel,
                person.Profile.PersonType,
                person.Profile.AssistanceEligible,
                eligibility,
                request.AcctUsedFlag && person.Profile.Insutype == DomainPolicy.Insutype.EmployeeBasic,
                person.Balance,
                person.Accumulators);
            var computation = SettlementEngine.Compute(input, policy);
            var response = BuildResponse(commit ? NewSetlId() : string.Empty, visit, computation, eligibility, now);
            if (!commit)
            {
                return response;
            }

            var body = response.ToByteArray();
            var (outcome, stored, _) = await settlements.CommitAsync(person, visit, new SettlementCommit(request.Msgid, digest, response.SetlId, now.Year, computation, body)).ConfigureAwait(false);
            switch (outcome)
            {
                case WriteOutcome.Written:
                    return response;
                case WriteOutcome.Replayed:
                    return SettleResponse.Parser.ParseFrom(stored);
                case WriteOutcome.MsgidConflict:
                    throw Refusals.MsgidReused(request.Msgid);
                case WriteOutcome.MsgidReversed:
                    throw Refusals.MsgidReversed(request.Msgid);
                case WriteOutcome.VisitNotFound:
                    visits.Forget(request.InsuplcAdmdvs, request.PsnNo, request.MdtrtId);
                    throw Refusals.NotFound(Reasons.VisitNotFound, $"Visit {request.MdtrtId} is not registered here; register it first.");
                case WriteOutcome.VisitNotOpen when visit.IsRemote:
                    throw Refusals.Precondition(Reasons.VisitAlreadySettled, $"Visit {request.MdtrtId} is already settled; cancel that settlement (2208/2305) before settling again.");
                default:
                    NodeLog.StaleSnapshot(logger, attempt);
                    continue;
            }
        }

        throw new AdjudicationException(ErrorKind.Aborted, Reasons.Contention, $"Too many simultaneous settlements for person {request.PsnNo}; retry with the same msgid.");
    }

    /// <summary>A terminal's cancel (2208/2305); for a person insured elsewhere the insured city undoes it and the visit reopens here.</summary>
    public async Task<CancelSettlementResponse> CancelAsync(CancelSettlementRequest request, ServerCallContext? context)
    {
        CheckCancel(request);
        if (IsInsuredHere(request.InsuplcAdmdvs))
        {
            return await CancelCoreAsync(request).ConfigureAwait(false);
        }

        var response = await network.SendAsync(RawMethods.CancelSettlement, request.InsuplcAdmdvs, request, CancelSettlementResponse.Parser, context).ConfigureAwait(false);
        await visits.RecordReopenedAsync(request.InsuplcAdmdvs, request.PsnNo, request.MdtrtId, response.SetlId).ConfigureAwait(false);
        return response;
    }

    /// <summary>Cancels a settlement of a person insured here (a call relayed from the treatment city), restoring exactly what it took.</summary>
    public Task<CancelSettlementResponse> CancelHereAsync(CancelSettlementRequest request)
    {
        CheckCancel(request);
        CheckInsuredHere(request.InsuplcAdmdvs);
        return CancelCoreAsync(request);
    }

    private async Task<CancelSettlementResponse> CancelCoreAsync(CancelSettlementRequest request)
    {
        var settlement = await settlements.GetSettlementAsync(request.InsuplcAdmdvs, request.PsnNo, request.SetlId).ConfigureAwait(false)
            ?? throw Refusals.NotFound(Reasons.SettlementNotFound, $"Settlement {request.SetlId} of person {request.PsnNo} does not exist; check setl_id.");
        var original = SettleResponse.Parser.ParseFrom(settlement.Body);
        if (settlement.MdtrtId != request.MdtrtId)
        {
            throw Refusals.NotFound(Reasons.SettlementNotFound, $"Settlement {request.SetlId} belongs to visit {settlement.MdtrtId}, not {request.MdtrtId}.");
        }

        var visit = await visits.GetAsync(request.InsuplcAdmdvs, request.PsnNo, request.MdtrtId).ConfigureAwait(false);
        if (visit is not null && visit.Visit.FixmedinsCode != request.FixmedinsCode)
        {
            throw Refusals.PermissionDenied(Reasons.InstitutionMismatch, $"Settlement {request.SetlId} was made by another institution; only that institution may cancel it.");
        }

        var (outcome, balance, setlId) = await settlements.UnsettleAsync(
            request.InsuplcAdmdvs, request.PsnNo, request.Msgid, Digest.Of(request), request.SetlId, request.MdtrtId, reverseOf: null).ConfigureAwait(false);
        return outcome switch
        {
            WriteOutcome.Written or WriteOutcome.Replayed when setlId == request.SetlId =>
                new CancelSettlementResponse { SetlId = setlId, Restored = original.Split, Balc = balance.Fen },
            WriteOutcome.Written or WriteOutcome.Replayed or WriteOutcome.MsgidConflict => throw Refusals.MsgidReused(request.Msgid),
            WriteOutcome.SettlementNotFound => throw Refusals.NotFound(Reasons.SettlementNotFound, $"Settlement {request.SetlId} does not exist."),
            _ => throw Refusals.Precondition(Reasons.SettlementAlreadyCancelled, $"Settlement {request.SetlId} was already cancelled or reversed; nothing to undo."),
        };
    }

    /// <summary>A terminal's reversal (2601); for a person insured elsewhere the insured city decides and a reversed visit reopens here.</summary>
    public async Task<ReverseResponse> ReverseAsync(ReverseRequest request, ServerCallContext? context)
    {
        CheckReverse(request);
        if (IsInsuredHere(request.InsuplcAdmdvs))
        {
            return await ReverseCoreAsync(request).ConfigureAwait(false);
        }

        var response = await network.SendAsync(RawMethods.Reverse, request.InsuplcAdmdvs, request, ReverseResponse.Parser, context).ConfigureAwait(false);
        if (response.Outcome == ReverseOutcome.Reversed && response.MdtrtId.Length > 0)
        {
            await visits.RecordReopenedAsync(request.InsuplcAdmdvs, request.PsnNo, response.MdtrtId, response.SetlId).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>
    /// Reverses a settlement of a person insured here (a call relayed from the treatment city) by its msgid, or
    /// tombstones a msgid that never arrived.
    /// </summary>
    public Task<ReverseResponse> ReverseHereAsync(ReverseRequest request)
    {
        CheckReverse(request);
        CheckInsuredHere(request.InsuplcAdmdvs);
        return ReverseCoreAsync(request);
    }

    private async Task<ReverseResponse> ReverseCoreAsync(ReverseRequest request)
    {
        var digest = Digest.Of(request);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var own = await settlements.GetMessageAsync(request.InsuplcAdmdvs, request.PsnNo, request.Msgid).ConfigureAwait(false);
            if (own is not null)
            {
                return own.Digest.AsSpan().SequenceEqual(digest)
                    ? new ReverseResponse { Outcome = own.SetlId.Length == 0 ? ReverseOutcome.Tombstoned : ReverseOutcome.Reversed, SetlId = own.SetlId, MdtrtId = own.MdtrtId }
                    : throw Refusals.MsgidReused(request.Msgid);
            }

            var original = await settlements.GetMessageAsync(request.InsuplcAdmdvs, request.PsnNo, request.Omsgid).ConfigureAwait(false);
            switch (original?.Operation)
            {
                case null:
                    var tomb = await settlements.TombstoneAsync(request.InsuplcAdmdvs, request.PsnNo, request.Msgid, digest, request.Omsgid).ConfigureAwait(false);
                    if (tomb == WriteOutcome.OriginalArrived)
                    {
                        continue;
                    }

                    return tomb == WriteOutcome.MsgidConflict
                        ? throw Refusals.MsgidReused(request.Msgid)
                        : new ReverseResponse { Outcome = ReverseOutcome.Tombstoned };
                case "settle":
                    var (outcome, _, setlId) = await settlements.UnsettleAsync(
                        request.InsuplcAdmdvs, request.PsnNo, request.Msgid, digest, original.SetlId, original.MdtrtId, request.Omsgid).ConfigureAwait(false);
                    return outcome switch
                    {
                        WriteOutcome.Written or WriteOutcome.Replayed => new ReverseResponse { Outcome = ReverseOutcome.Reversed, SetlId = setlId, MdtrtId = original.MdtrtId },
                        WriteOutcome.MsgidConflict => throw Refusals.MsgidReused(request.Msgid),
                        _ => throw Refusals.Precondition(Reasons.SettlementAlreadyCancelled, $"Settlement {original.SetlId} of msgid {request.Omsgid} was already cancelled; nothing to reverse."),
                    };
                case "reversed":
                    return new ReverseResponse { Outcome = ReverseOutcome.Reversed, SetlId = original.SetlId, MdtrtId = original.MdtrtId };
                case "tombstone":
                    return new ReverseResponse { Outcome = ReverseOutcome.Tombstoned };
                default:
                    throw Refusals.Precondition(Reasons.ReversalNotSupported, $"msgid {request.Omsgid} was a '{original.Operation}' call, not a settlement; it cannot be reversed.");
            }
        }

        throw new AdjudicationException(ErrorKind.Aborted, Reasons.Contention, "The original call arrived while reversing it; send the reversal again with the same msgid.");
    }

    private async Task<SettleResponse?> ReplayAsync(SettleRequest request, byte[] digest)
    {
        var record = await settlements.GetMessageAsync(request.InsuplcAdmdvs, request.PsnNo, request.Msgid).ConfigureAwait(false);
        return record switch
        {
            null => null,
            { Operation: "tombstone" or "reversed" } => throw Refusals.MsgidReversed(request.Msgid),
            _ when !record.Digest.AsSpan().SequenceEqual(digest) => throw Refusals.MsgidReused(request.Msgid),
            _ => SettleResponse.Parser.ParseFrom(record.Body),
        };
    }

    private static void CheckSettle(SettleRequest request) =>
        new RequestCheck()
            .TerminalCall(request.FixmedinsCode, request.Msgid, request.PsnNo, request.InsuplcAdmdvs)
            .Id("mdtrt_id", request.MdtrtId)
            .ThrowIfAny();

    private static void CheckCancel(CancelSettlementRequest request) =>
        new RequestCheck()
            .TerminalCall(request.FixmedinsCode, request.Msgid, request.PsnNo, request.InsuplcAdmdvs)
            .Id("mdtrt_id", request.MdtrtId)
            .Id("setl_id", request.SetlId)
            .ThrowIfAny();

    private static void CheckReverse(ReverseRequest request)
    {
        new RequestCheck()
            .Fixmedins("fixmedins_code", request.FixmedinsCode)
            .Msgid("msgid", request.Msgid, request.FixmedinsCode)
            .Msgid("omsgid", request.Omsgid, request.FixmedinsCode)
            .Id("psn_no", request.PsnNo)
            .Admdvs("insuplc_admdvs", request.InsuplcAdmdvs)
            .That(request.Msgid != request.Omsgid, "omsgid", "must differ from the reversal's own msgid")
            .ThrowIfAny();
        if (request.Oinfno is not ("2207" or "2304"))
        {
            throw Refusals.Precondition(Reasons.ReversalNotSupported, $"Reversal of transaction '{Echo.Cut(request.Oinfno)}' is not supported; only settlements (2207/2304) are reversed. Use the matching cancel transaction instead.");
        }
    }

    // The engine runs where the insured region lives (DESIGN.md §3): persons insured in another city go over the
    // network when this node is part of one; a node without a topology refuses them.
    private bool IsInsuredHere(string insuplc)
    {
        if (Admdvs.CityOf(insuplc) == Admdvs.CityOf(_options.Admdvs))
        {
            return true;
        }

        return network.IsConnected ? false : throw NotInsuredHere(insuplc);
    }

    private void CheckInsuredHere(string insuplc)
    {
        if (Admdvs.CityOf(insuplc) != Admdvs.CityOf(_options.Admdvs))
        {
            throw NotInsuredHere(insuplc);
        }
    }

    private AdjudicationException NotInsuredHere(string insuplc) =>
        Refusals.Precondition(Reasons.NotInsuredHere, $"Persons insured in {insuplc} are settled by their own city's node; this node serves {_options.Admdvs}.");

    private static VisitSummary Summarize(VisitSnapshot snapshot)
    {
        var v = snapshot.Visit;
        var t = snapshot.Totals;
        return new VisitSummary
        {
            MdtrtId = v.MdtrtId,
            FixmedinsCode = v.FixmedinsCode,
            HospLv = (Contracts.V1.HospitalLevel)v.HospitalLevel,
            MdtrtareaAdmvs = v.TreatmentAdmdvs,
            Insutype = (Contracts.V1.Insutype)v.Insutype,
            MedType = (Contracts.V1.MedType)v.MedType,
            Begntime = v.BeginTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            DiseCodg = v.DiseaseCode,
            ChronicDiseCodg = v.ChronicDiseaseCode,
            MedfeeSumamt = t.MedFeeSum.Fen,
            FulamtOwnpayAmt = t.FullOwnPay.Fen,
            OverlmtSelfpay = t.OverLimit.Fen,
            PreselfpayAmt = t.PreSelfPay.Fen,
            InscpScpAmt = t.InScope.Fen,
        };
    }

    private static SettleResponse BuildResponse(string setlId, VisitSnapshot visit, in SettlementComputation computation, in EligibilityDecision eligibility, DateTimeOffset now) => new()
    {
        SetlId = setlId,
        MdtrtId = visit.Visit.MdtrtId,
        PsnNo = visit.Visit.PsnNo,
        Split = ProtoMapping.ToProto(computation.Split, eligibility),
        SetlTime = ChinaTime.Format(now),
    };

    private static string NewSetlId() => "S" + Guid.CreateVersion7().ToString("N");
}
