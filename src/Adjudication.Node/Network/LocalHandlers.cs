using Adjudication.Contracts.V1;
using Adjudication.Contracts.V1.Policies;
using Adjudication.Domain.Errors;
using Adjudication.Node.Catalogs;
using Adjudication.Node.Policies;
using Adjudication.Node.Security;
using Adjudication.Node.Settlement;
using Adjudication.Node.Validation;
using Google.Protobuf;
using Grpc.Core;

namespace Adjudication.Node.Network;

/// <summary>
/// Answers the network calls this node serves itself: the insured city's half of a settlement made elsewhere, and a
/// catalog version or an integration zone its province hands down. The request is parsed here, once, at the end of its
/// route.
/// </summary>
internal sealed class LocalHandlers(VisitDesk visits, SettlementDesk settlements, CatalogDesk catalogs, PolicyDesk policies, NetworkClient network, Clearing.ClearingFlow clearing)
{
    public async Task<byte[]> HandleAsync(string method, byte[] body, ServerCallContext context)
    {
        var call = context.Authenticated();
        return method switch
        {
            RawMethods.FindPerson => (await visits.FindPersonHereAsync(Institutional(RequestBody.Parse(GetPersonRequest.Parser, body), call)).ConfigureAwait(false)).ToByteArray(),
            // The insured city's answer goes back as the bytes it stored: serialized once (DESIGN.md §3, cheap relays).
            RawMethods.Adjudicate => (await settlements.AdjudicateAsync(Adjudication(RequestBody.Parse(AdjudicateRequest.Parser, body), call)).ConfigureAwait(false)).Bytes,
            RawMethods.CancelSettlement => (await settlements.CancelHereAsync(Institutional(RequestBody.Parse(CancelSettlementRequest.Parser, body), call)).ConfigureAwait(false)).ToByteArray(),
            RawMethods.Reverse => (await settlements.ReverseHereAsync(Institutional(RequestBody.Parse(ReverseRequest.Parser, body), call)).ConfigureAwait(false)).ToByteArray(),
            RawMethods.DistributeZone => (await ReceiveZoneAsync(body, call).ConfigureAwait(false)).ToByteArray(),
            RawMethods.ListInsuredRecords => await clearing.ListInsuredAsync(body, context).ConfigureAwait(false),
            _ => throw new AdjudicationException(ErrorKind.FailedPrecondition, Reasons.NoRoute, $"{method} is not served by this node; send it to the division it is for."),
        };
    }

    /// <summary>Answers a streamed call served here: a catalog version its province hands down, parsed part by part.</summary>
    public async Task<byte[]> HandleStreamAsync(string method, IAsyncStreamReader<byte[]> parts, ServerCallContext context)
    {
        if (method != RawMethods.DistributeCatalog)
        {
            throw new AdjudicationException(ErrorKind.FailedPrecondition, Reasons.NoRoute, $"{method} is not served by this node; send it to the division it is for.");
        }

        RelayedCallRules.RequireProvinceAgency(context.Authenticated(), network.Router!.Parent?.Admdvs ?? string.Empty, "catalog");
        var response = await catalogs.PublishHereAsync(ParsedParts(parts, context.CancellationToken)).ConfigureAwait(false);
        return response.ToByteArray();
    }

    private static async IAsyncEnumerable<PublishCatalogRequest> ParsedParts(IAsyncStreamReader<byte[]> parts, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var part in parts.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return RequestBody.Parse(PublishCatalogRequest.Parser, part);
        }
    }

    // A zone comes from the province's agency, through the province's node (AccessRules checked the hop).
    private Task<IntegrationZone> ReceiveZoneAsync(byte[] body, AuthenticatedCall? call)
    {
        var parent = network.Router!.Parent;
        RelayedCallRules.RequireZoneFromProvince(call, parent);
        return policies.ReceiveZoneAsync(RequestBody.Parse(IntegrationZone.Parser, body), parent?.Admdvs ?? string.Empty);
    }

    // The insured city holds the original caller to its own code (DESIGN.md §8).
    private static T Institutional<T>(T request, AuthenticatedCall? call)
        where T : IInstitutionCall
    {
        RelayedCallRules.RequireInstitution(call, request.FixmedinsCode);
        return request;
    }

    private AdjudicateRequest Adjudication(AdjudicateRequest request, AuthenticatedCall? call)
    {
        var settle = request.Settle ?? new SettleRequest();
        RelayedCallRules.RequireInstitution(call, settle.FixmedinsCode);
        RelayedCallRules.RequireTreatedAtOrigin(call, network.Router!, request.Visit?.MdtrtareaAdmvs ?? string.Empty);
        return request;
    }
}
