using Adjudication.Contracts.V1;
using Adjudication.Domain.Divisions;
using FilingClass = Adjudication.Domain.Eligibility.FilingClass;
using Adjudication.Node.Hosting;
using Adjudication.Node.Mapping;
using Adjudication.Node.Outbox;
using Adjudication.Node.Security;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using Adjudication.Storage.Outbox;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;
using DomainFiling = Adjudication.Domain.Eligibility.Filing;

namespace Adjudication.Node.Network;

/// <summary>
/// Filings across the network (DESIGN.md §3, §5). The insured city pushes every new version toward its destination
/// at write time; each node on the way caches it, a province hands it to its cities, and no cache takes an older
/// version over a newer one. A treatment city reads its cache and, on a miss, asks along the route: the first node
/// holding a filing that covers the treatment region answers, else the insured city does, and "none" is cached briefly.
/// </summary>
internal sealed class FilingPropagation(
    NetworkClient network,
    FilingCacheStore cache,
    FilingStore filings,
    OutboxStore outbox,
    OutboxWorker outboxWorker,
    IOptions<NodeOptions> options,
    ILogger<FilingPropagation> logger)
{
    private readonly NodeOptions _options = options.Value;

    /// <summary>Whether a version of <paramref name="filing"/> is pushed toward its destination: in a network, unless it is kept here only.</summary>
    public bool OwesPush(DomainFiling filing) => network.IsConnected && filing.Class != FilingClass.ChronicDisease;

    /// <summary>
    /// At the insured city, after a filing version was written with its push in the outbox: pushes it toward its
    /// destination now and clears the outbox entry. A push that cannot get through stays in the outbox, which the
    /// outbox worker retries, across restarts too; the written filing stands either way.
    /// </summary>
    public async Task PublishAsync(DomainFiling filing, ServerCallContext? context)
    {
        if (!OwesPush(filing))
        {
            return;
        }

        try
        {
            await PushAsync(network, filing, context).ConfigureAwait(false);
            await outbox.RemoveAsync(outbox.SlotOfPerson(filing.InsuplcAdmdvs, filing.PsnNo), [FilingPush.Entry(filing)]).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or Domain.Errors.AdjudicationException or StackExchange.Redis.RedisException)
        {
            NetworkLog.FilingPushFailed(logger, filing.FilingId, filing.Version, filing.DestAdmdvs, ex);
            outboxWorker.WakePerson(filing.InsuplcAdmdvs, filing.PsnNo);
        }
    }

    /// <summary>Sends <paramref name="filing"/> toward its destination over <paramref name="network"/>; the nodes on the way cache it.</summary>
    public static Task PushAsync(NetworkClient network, DomainFiling filing, ServerCallContext? context) =>
        network.SendAsync(RawMethods.PushFiling, filing.DestAdmdvs, ProtoMapping.ToProto(filing), PushFilingResponse.Parser, context);

    /// <summary>Any node, a push arriving: cache it, then pass it on toward its destination (a province to each of its cities).</summary>
    public async Task<byte[]> ReceivePushAsync(byte[] body, string target, ServerCallContext context)
    {
        var filing = ProtoMapping.ToDomain(RequestBody.Parse(Contracts.V1.Filing.Parser, body));
        RelayedCallRules.RequireFromInsuredCity(context.Authenticated(), network.Router!, filing.InsuplcAdmdvs);
        var (_, held) = await cache.PutAsync(filing).ConfigureAwait(false);
        var route = network.RouteTo(target);
        if (!route.IsLocal)
        {
            await network.ForwardAsync(route.Peer!, RawMethods.PushFiling, body, target, context).ConfigureAwait(false);
        }
        else if (network.Router!.Self.Role == NodeRole.Provincial)
        {
            var children = network.Router.Children;
            var pushes = new List<Task>(children.Count);
            for (var i = 0; i < children.Count; i++)
            {
                if (Admdvs.Covers(target, children[i].Admdvs))
                {
                    pushes.Add(network.ForwardAsync(children[i], RawMethods.PushFiling, body, children[i].Admdvs, context));
                }
            }

            await Task.WhenAll(pushes).ConfigureAwait(false);
        }

        return new PushFilingResponse { HeldVersion = held }.ToByteArray();
    }

    /// <summary>Any node, a fetch arriving: the insured city answers from its filings, others from a covering cached copy or by asking on.</summary>
    public async Task<byte[]> AnswerFetchAsync(byte[] body, string target, ServerCallContext context)
    {
        var request = RequestBody.Parse(FetchFilingsRequest.Parser, body);
        new RequestCheck()
            .Id("psn_no", request.PsnNo)
            .Admdvs("insuplc_admdvs", request.InsuplcAdmdvs)
            .Admdvs("dest_admdvs", request.DestAdmdvs)
            .ThrowIfAny();
        var route = network.RouteTo(target);
        if (route.IsLocal)
        {
            var current = await filings.GetCurrentAsync(request.InsuplcAdmdvs, request.PsnNo).ConfigureAwait(false);
            return Answer(Covering(current, request.DestAdmdvs), authoritative: true);
        }

        var (cached, _) = await cache.GetAsync(request.InsuplcAdmdvs, request.PsnNo, request.DestAdmdvs).ConfigureAwait(false);
        var covering = Covering(cached, request.DestAdmdvs);
        return covering.Count > 0
            ? Answer(covering, authoritative: false)
            : await network.ForwardAsync(route.Peer!, RawMethods.FetchFilings, body, target, context).ConfigureAwait(false);
    }

    /// <summary>
    /// At the treatment city: the person's filings covering <paramref name="treatmentCity"/>, from the cache or, on a
    /// miss, from along the route (and cached).
    /// </summary>
    public async Task<IReadOnlyList<DomainFiling>> CoveringAsync(string insuplc, string psnNo, string treatmentCity, ServerCallContext? context)
    {
        var (cached, knownNone) = await cache.GetAsync(insuplc, psnNo, treatmentCity).ConfigureAwait(false);
        var covering = Covering(cached, treatmentCity);
        if (covering.Count > 0 || knownNone)
        {
            return covering;
        }

        var request = new FetchFilingsRequest { PsnNo = psnNo, InsuplcAdmdvs = insuplc, DestAdmdvs = treatmentCity };
        var answer = await network.SendAsync(RawMethods.FetchFilings, insuplc, request, FetchFilingsResponse.Parser, context).ConfigureAwait(false);
        if (answer.Filings.Count == 0)
        {
            if (answer.Authoritative)
            {
                await cache.PutNoneAsync(insuplc, psnNo, treatmentCity, _options.NoFilingCacheTime).ConfigureAwait(false);
            }

            return [];
        }

        foreach (var filing in answer.Filings)
        {
            // Cache only what was asked for: the person's own filings, of their insured city, covering this city.
            var copy = ProtoMapping.ToDomain(filing);
            if (copy.PsnNo == psnNo && Admdvs.CityOf(copy.InsuplcAdmdvs) == Admdvs.CityOf(insuplc) && Covering([copy], treatmentCity).Count == 1)
            {
                await cache.PutAsync(copy).ConfigureAwait(false);
            }
        }

        // Read back: a push may have brought a newer version while the answer travelled.
        (cached, _) = await cache.GetAsync(insuplc, psnNo, treatmentCity).ConfigureAwait(false);
        return Covering(cached, treatmentCity);
    }

    private static List<DomainFiling> Covering(IReadOnlyList<DomainFiling> filings, string dest)
    {
        var covering = new List<DomainFiling>();
        for (var i = 0; i < filings.Count; i++)
        {
            var f = filings[i];
            if (f.Class != FilingClass.ChronicDisease && Admdvs.Covers(f.DestAdmdvs, dest))
            {
                covering.Add(f);
            }
        }

        return covering;
    }

    private static byte[] Answer(List<DomainFiling> filings, bool authoritative)
    {
        var response = new FetchFilingsResponse { Authoritative = authoritative };
        foreach (var f in filings)
        {
            response.Filings.Add(ProtoMapping.ToProto(f));
        }

        return response.ToByteArray();
    }
}
