using System.Diagnostics;
using Adjudication.Contracts.V1;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Eligibility;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Settlement;
using Adjudication.Domain.Time;
using Adjudication.Domain.Visits;
using Adjudication.Node.Hosting;
using Adjudication.Node.Ledger;
using Adjudication.Node.Mapping;
using Adjudication.Node.Outbox;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using Adjudication.Storage.Clearing;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Ledger;
using Adjudication.Storage.Outbox;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using DomainPolicy = Adjudication.Domain.Policy;

namespace Adjudication.Node.Settlement;

/// <summary>
/// The insured city's settlement (参保地政策, DESIGN.md §3, §4.2): person, policy and filings from near-cached
/// snapshots, the engine, and one script that commits accumulators, balance and record together. When a snapshot went
/// stale the script says so and the settlement reloads and recomputes, so concurrent settles of one person serialize
/// without locks and never pass a cap. Replay is the script's decision, never a second read here.
/// </summary>
internal sealed class InsuredSettlement(
    PersonStore persons,
    VisitStore visits,
    SettlementStore settlements,
    PolicyStore policies,
    ZoneStore zones,
    OutboxWorker outbox,
    TimeProvider clock,
    IOptions<NodeOptions> options,
    ILogger<InsuredSettlement> logger)
{
    private readonly int _maxAttempts = options.Value.MaxSettleAttempts;
    private readonly bool _clearingFeed = options.Value.ClearingFeed;

    /// <summary>
    /// Pre-settles or settles a visit of a person insured here: a visit treated here (<paramref name="remote"/> null) or
    /// one a treatment city summarized (its owner already checked against the request).
    /// </summary>
    public async Task<SettleAnswer> SettleAsync(SettleRequest request, VisitSnapshot? remote, bool commit)
    {
        var digest = commit ? Digest.Of(request) : [];
        for (var attempt = 1; attempt <= _maxAttempts; attempt++)
        {
            // One async frame for the whole attempt: each awaited helper would cost its own state machine per settle.
            var visit = remote ?? await visits.GetOwnedAsync(request.InsuplcAdmdvs, request.PsnNo, request.MdtrtId, request.FixmedinsCode, "settle").ConfigureAwait(false);
            if (visit.Status != VisitStatus.Open)
            {
                if (await ReplayOrRefuseAsync(request, commit, digest).ConfigureAwait(false) is { } replayed)
                {
                    return replayed;
                }
            }
            else
            {
                var (person, policy) = await LoadInsuredAsync(request, visit).ConfigureAwait(false);
                var zoneList = await zones.GetAllAsync().ConfigureAwait(false);
                var now = ChinaTime.Now(clock);
                if (person.Year == now.Year)
                {
                    var (response, computation) = Compute(request, visit, person, policy, zoneList, commit, now);
                    if (!commit)
                    {
                        return new SettleAnswer(response, null);
                    }

                    // Serialized once: these bytes are stored for replays and go back to a treatment city as they are.
                    var body = response.ToByteArray();
                    var booking = Booking(visit, response, request.Msgid);
                    var (result, stored, _) = await settlements.CommitAsync(person, visit, new SettlementCommit(request.Msgid, digest, response.SetlId, now.Year, computation, body, booking)).ConfigureAwait(false);
                    if (result == SettleResult.Committed)
                    {
                        if (booking is not null)
                        {
                            outbox.Committed(request.InsuplcAdmdvs, request.PsnNo, booking);
                        }

                        return new SettleAnswer(response, body);
                    }

                    if (Decide(request, result, stored) is { } decided)
                    {
                        return decided;
                    }
                }
                else
                {
                    // The snapshot holds last year's accumulators: "yearly" is the settlement time's year (§4.2 step 8).
                    persons.Forget(request.InsuplcAdmdvs, request.PsnNo);
                    continue;
                }
            }

            NodeLog.StaleSnapshot(logger, attempt);
        }

        throw new AdjudicationException(ErrorKind.Aborted, Reasons.Contention, $"Too many simultaneous settlements for person {request.PsnNo}; retry with the same msgid.");
    }

    // Treated here: the hospital ledger's row; treated elsewhere: this city's own clearing record (DESIGN.md §11), unless
    // this node feeds no clearing.
    private OutboxEntry? Booking(VisitSnapshot visit, SettleResponse response, string msgid)
    {
        if (visit.IsRemote && !_clearingFeed)
        {
            return null;
        }

        var row = LedgerRows.Settled(visit.Visit, response, msgid);
        return visit.IsRemote ? ClearingFeed.Entry(ClearingFeed.InsuredKind, new Storage.Clearing.ClearingRow(Admdvs.CityOf(visit.Visit.TreatmentAdmdvs), row)) : LedgerBooking.Entry(row);
    }

    // The engine on the person's snapshot, the policy and the zones (§4.2 steps 1-7), and the answer it makes.
    private static (SettleResponse Response, SettlementComputation Computation) Compute(
        SettleRequest request, VisitSnapshot visit, PersonSnapshot person, DomainPolicy.SettlementPolicy policy,
        IReadOnlyList<DomainPolicy.IntegrationZone> zoneList, bool commit, DateTimeOffset now)
    {
        var eligibility = EligibilityRules.Decide(person.Profile, Facts(visit), person.Filings, policy, zoneList);
        var computation = SettlementEngine.Compute(Input(request, visit, person, eligibility), policy);
        var response = new SettleResponse
        {
            SetlId = commit ? NewSetlId() : string.Empty,
            MdtrtId = visit.Visit.MdtrtId,
            PsnNo = visit.Visit.PsnNo,
            Split = ProtoMapping.ToProto(computation.Split, eligibility),
            SetlTime = ChinaTime.Format(now),
        };
        return (response, computation);
    }

    // A visit this node holds as settled: the script says whether this msgid settled it (a replay) or another did.
    private async Task<SettleAnswer?> ReplayOrRefuseAsync(SettleRequest request, bool commit, byte[] digest)
    {
        if (!commit)
        {
            throw AlreadySettled(request.MdtrtId);
        }

        var (result, stored, _) = await settlements.ReplayAsync(request.InsuplcAdmdvs, request.PsnNo, request.MdtrtId, request.Msgid, digest).ConfigureAwait(false);
        return Decide(request, result, stored);
    }

    // Every script outcome but a fresh commit; null for Stale (reload and recompute).
    private static SettleAnswer? Decide(SettleRequest request, SettleResult result, byte[] stored) => result switch
    {
        SettleResult.Replayed => new SettleAnswer(null, stored),
        SettleResult.Stale => null,
        SettleResult.MsgidConflict => throw Refusals.MsgidReused(request.Msgid),
        SettleResult.MsgidReversed => throw Refusals.MsgidReversed(request.Msgid),
        SettleResult.VisitNotFound => throw VisitOwnership.NotRegistered(request.MdtrtId, request.PsnNo),
        SettleResult.VisitClosed => throw AlreadySettled(request.MdtrtId),
        _ => throw new UnreachableException($"settle.lua answered {result} where a commit was not made"),
    };

    // A ValueTask: from the near caches this completes at once, and a Task would be one more allocation per settle.
    private async ValueTask<(PersonSnapshot Person, DomainPolicy.SettlementPolicy Policy)> LoadInsuredAsync(SettleRequest request, VisitSnapshot visit)
    {
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

        // The version in force on the day the visit began (DESIGN.md §12): one effective after that day does not apply
        // to it, wherever the settle date falls; one effective on or before it does, even if published later.
        var visitStart = DateOnly.FromDateTime(visit.Visit.BeginTime);
        var policy = await policies.InForceOnAsync(Admdvs.CityOf(person.Profile.InsuplcAdmdvs), visit.Visit.Insutype, visitStart).ConfigureAwait(false)
            ?? throw Refusals.Precondition(Reasons.PolicyNotFound, $"{person.Profile.InsuplcAdmdvs} has no policy for insutype {(int)visit.Visit.Insutype} in force on {visitStart:yyyy-MM-dd}, the visit's start; the insured region's agency must publish one (PolicyService.PublishPolicy).");
        return (person, policy);
    }

    private static VisitFacts Facts(VisitSnapshot visit) =>
        new(visit.Visit.TreatmentAdmdvs, DateOnly.FromDateTime(visit.Visit.BeginTime), visit.Visit.MedType, visit.Visit.ChronicDiseaseCode);

    private static SettlementInput Input(SettleRequest request, VisitSnapshot visit, PersonSnapshot person, in EligibilityDecision eligibility)
    {
        var profile = person.Profile;
        return new SettlementInput(
            visit.Totals,
            visit.Visit.MedType,
            visit.Visit.HospitalLevel,
            profile.PersonType,
            profile.AssistanceEligible,
            eligibility,
            request.AcctUsedFlag && profile.Insutype == DomainPolicy.Insutype.EmployeeBasic,
            person.Balance,
            person.Accumulators,
            profile.CivilServant,
            profile.EnterpriseSupplementary);
    }

    private static AdjudicationException AlreadySettled(string mdtrtId) =>
        Refusals.Precondition(Reasons.VisitAlreadySettled, $"Visit {mdtrtId} is already settled; cancel that settlement (2208/2305) before settling again.");

    private static string NewSetlId() => "S" + Guid.CreateVersion7().ToString("N");
}
