using Adjudication.Contracts.V1.Policies;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Policy;
using Adjudication.Node.Errors;
using Adjudication.Node.Hosting;
using Adjudication.Node.Mapping;
using Adjudication.Node.Network;
using Adjudication.Node.Outbox;
using Adjudication.Node.Settlement;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using Adjudication.Storage.Contract;
using Adjudication.Storage.Outbox;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;
using ContractInsutype = Adjudication.Contracts.V1.Insutype;
using ContractZone = Adjudication.Contracts.V1.Policies.IntegrationZone;
using DomainZone = Adjudication.Domain.Policy.IntegrationZone;

namespace Adjudication.Node.Policies;

/// <summary>
/// Policies and integration zones as their agencies publish them (DESIGN.md §12). A city's policy: versions validated
/// whole and stored at the city's node, each in force from its effective date. A zone: validated and stored at the
/// provincial node, then handed to each city of the province, which keeps the newest version (DESIGN.md §5).
/// </summary>
internal sealed class PolicyDesk(PolicyStore policies, ZoneStore zones, NetworkClient network, OutboxStore outbox, OutboxWorker outboxWorker, IOptions<NodeOptions> options, ILogger<PolicyDesk> logger)
{
    /// <summary>Most rules in each list of a policy (deductibles, ratios, reductions).</summary>
    public const int MaxRules = 256;

    /// <summary>Most fund layers of a policy, and most bands of a layer.</summary>
    public const int MaxLayers = 32;

    private readonly NodeOptions _options = options.Value;

    /// <summary>Publishes a new version of this city's policy for one insutype, once per msgid.</summary>
    public async Task<PolicyVersion> PublishPolicyAsync(PublishPolicyRequest request)
    {
        var check = new RequestCheck().AgencyMsgid("msgid", request.Msgid);
        var policy = CheckPolicy(check, request.Policy);
        check.ThrowIfAny();
        RequireThisCity(policy.InsuplcAdmdvs);

        var (result, version) = await policies.PublishAsync(policy, request.Msgid, Digest.Of(request)).ConfigureAwait(false);
        return result == PublishResult.MsgidConflict
            ? throw Refusals.MsgidReused(request.Msgid)
            : PolicyMapping.ToProto(policy with { Version = version });
    }

    /// <summary>Every version of this city's policy for one insutype, in publication order.</summary>
    public async Task<ListPolicyVersionsResponse> ListVersionsAsync(ListPolicyVersionsRequest request)
    {
        CheckPolicyKey(new RequestCheck(), string.Empty, request.InsuplcAdmdvs, request.Insutype).ThrowIfAny();
        RequireThisCity(request.InsuplcAdmdvs);
        var versions = await policies.GetVersionsAsync(Admdvs.CityOf(request.InsuplcAdmdvs), (Domain.Policy.Insutype)request.Insutype).ConfigureAwait(false);
        var response = new ListPolicyVersionsResponse();
        response.Versions.AddRange(versions.All.Select(PolicyMapping.ToProto));
        return response;
    }

    /// <summary>One version of this city's policy for one insutype, an old one included.</summary>
    public async Task<PolicyVersion> GetVersionAsync(GetPolicyVersionRequest request)
    {
        CheckPolicyKey(new RequestCheck(), string.Empty, request.InsuplcAdmdvs, request.Insutype)
            .That(request.Version > 0, "version", "must be a published version number (1, 2, ...)")
            .ThrowIfAny();
        RequireThisCity(request.InsuplcAdmdvs);
        var versions = await policies.GetVersionsAsync(Admdvs.CityOf(request.InsuplcAdmdvs), (Domain.Policy.Insutype)request.Insutype).ConfigureAwait(false);
        var found = versions.Find(request.Version)
            ?? throw Refusals.NotFound(Reasons.PolicyNotFound, $"{request.InsuplcAdmdvs} has no version {request.Version} of its insutype {(int)request.Insutype} policy; ListPolicyVersions lists those published.");
        return PolicyMapping.ToProto(found);
    }

    /// <summary>
    /// Publishes one of this province's zones, once per msgid, and hands it to each city of the province (again on a
    /// replay, so a city that was down when it was first published gets it).
    /// </summary>
    public async Task<ContractZone> PublishZoneAsync(PublishZoneRequest request, ServerCallContext? context)
    {
        var province = Admdvs.ProvinceOf(_options.Admdvs);
        var check = new RequestCheck().AgencyMsgid("msgid", request.Msgid);
        var zone = CheckZone(check, request.Zone, province);
        check.ThrowIfAny();

        var cities = network.Router is { Self.Role: NodeRole.Provincial } router ? router.Children : [];
        var (result, version) = await zones.PublishAsync(zone, request.Msgid, Digest.Of(request), [.. cities.Select(c => c.Admdvs)]).ConfigureAwait(false);
        if (result == PublishResult.MsgidConflict)
        {
            throw Refusals.MsgidReused(request.Msgid);
        }

        var published = zone with { Version = version };
        await DistributeAsync(published, cities, context).ConfigureAwait(false);
        return PolicyMapping.ToProto(published);
    }

    /// <summary>At a city: takes a zone its province handed down (the caller's rights were checked by the relay rules).</summary>
    public async Task<ContractZone> ReceiveZoneAsync(ContractZone received, string province)
    {
        var check = new RequestCheck().That(received.Version > 0, "version", "must be the version the province assigned");
        var zone = CheckZone(check, received, province);
        check.ThrowIfAny();
        var (_, held) = await zones.CacheAsync(zone).ConfigureAwait(false);
        var answer = received.Clone();
        answer.Version = held;
        return answer;
    }

    /// <summary>The zones this node applies.</summary>
    public async Task<ListZonesResponse> ListZonesAsync()
    {
        var response = new ListZonesResponse();
        response.Zones.AddRange((await zones.GetAllAsync().ConfigureAwait(false)).Select(PolicyMapping.ToProto));
        return response;
    }

    // The request's own fields, then every problem of the policy's content (PolicyValidator), all in one list.
    private static SettlementPolicy CheckPolicy(RequestCheck check, Contracts.V1.Policies.Policy? policy)
    {
        if (policy is null)
        {
            check.Add("policy", "is required");
            return new SettlementPolicy(string.Empty, Domain.Policy.Insutype.Unspecified, 0, [], [], [], []);
        }

        var withinLimits = policy.Deductibles.Count <= MaxRules && policy.Ratios.Count <= MaxRules && policy.Reductions.Count <= MaxRules
            && policy.FundLayers.Count <= MaxLayers && policy.FundLayers.All(l => l.Bands.Count <= MaxLayers);
        CheckPolicyKey(check, "policy.", policy.InsuplcAdmdvs, policy.Insutype)
            .Date("policy.effective_date", policy.EffectiveDate, out var effective)
            .That(withinLimits, "policy", $"must hold at most {MaxRules} deductibles, ratios and reductions each, {MaxLayers} fund layers and {MaxLayers} bands per layer");
        var domain = PolicyMapping.ToDomain(policy, effective);
        if (withinLimits)
        {
            // Only a policy of bounded size is checked rule by rule: the checks compare rules and bands pairwise.
            foreach (var problem in PolicyValidator.Problems(domain))
            {
                check.Add("policy." + problem.Field, problem.Description);
            }
        }

        return domain;
    }

    // A policy is a city's (PPCC00) for one of the two insutypes the engine settles; prefix names the enclosing message.
    private static RequestCheck CheckPolicyKey(RequestCheck check, string prefix, string insuplcAdmdvs, ContractInsutype insutype) =>
        check.That(Admdvs.IsValid(insuplcAdmdvs) && !Admdvs.IsProvince(insuplcAdmdvs) && Admdvs.CityOf(insuplcAdmdvs) == insuplcAdmdvs,
                prefix + "insuplc_admdvs", "must be a city code PPCC00, e.g. 140100")
            .Defined(prefix + "insutype", insutype is ContractInsutype.EmployeeBasic or ContractInsutype.ResidentBasic, (int)insutype);

    // The access rules held the agency to its city; a well-formed policy of another city still does not belong here.
    private void RequireThisCity(string insuplcAdmdvs)
    {
        if (Admdvs.CityOf(insuplcAdmdvs) != Admdvs.CityOf(_options.Admdvs))
        {
            throw Refusals.PermissionDenied(Reasons.AgencyMismatch, $"This node holds the policies of {Admdvs.CityOf(_options.Admdvs)}; the policy of {insuplcAdmdvs} is published at its own city's node.");
        }
    }

    private static DomainZone CheckZone(RequestCheck check, ContractZone? zone, string province)
    {
        if (zone is null)
        {
            check.Add("zone", "is required");
            return new DomainZone(string.Empty, [], 0);
        }

        var domain = PolicyMapping.ToDomain(zone);
        foreach (var problem in ZoneValidator.Problems(domain, province))
        {
            check.Add("zone." + problem.Field, problem.Description);
        }

        return domain;
    }

    // Every city of the province gets the zone, member or not: a city dropped from a zone learns so from the new version.
    // Each city's delivery is owed in the outbox (publish_zone.lua) and cleared once it got through; one that cannot be
    // reached is named, and the outbox worker keeps trying it (1 s doubling to 1 min, across restarts). Publishing again
    // with the same msgid and content tries every city at once.
    private async Task DistributeAsync(DomainZone zone, IReadOnlyList<TopologyNode> cities, ServerCallContext? context)
    {
        var body = PolicyMapping.ToProto(zone).ToByteArray();
        var failed = new List<string>();
        foreach (var city in cities)
        {
            try
            {
                await network.ForwardAsync(city, RawMethods.DistributeZone, body, city.Admdvs, context).ConfigureAwait(false);
                // Not waited for: the zone is delivered, and a delete that is lost only makes the outbox deliver it again.
                outbox.Forget(zones.OutboxSlot, [ZonePush.Entry(city.Admdvs, zone)]);
            }
            catch (Exception ex) when (ex is RpcException or AdjudicationException)
            {
                NetworkLog.ZoneDistributionFailed(logger, zone.Name, zone.Version, city.Id, ex);
                failed.Add(city.ToString());
            }
        }

        if (failed.Count > 0)
        {
            outboxWorker.WakeSlot(zones.OutboxSlot);
            throw new AdjudicationException(ErrorKind.Unavailable, Reasons.HopUnavailable,
                $"Integration zone {Echo.Cut(zone.Name)} v{zone.Version} is stored at the province but did not reach: {string.Join("; ", failed)}. The province keeps trying them in the background (its outbox) until they take it; publishing again with the same msgid and content tries them at once. Cities that have it keep it unchanged.");
        }
    }
}
