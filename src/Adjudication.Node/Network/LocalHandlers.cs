using Adjudication.Contracts.V1;
using Adjudication.Domain.Errors;
using Adjudication.Node.Catalogs;
using Adjudication.Node.Settlement;
using Google.Protobuf;
using Grpc.Core;

namespace Adjudication.Node.Network;

/// <summary>
/// Answers the network calls this node serves itself: the insured city's half of a settlement made elsewhere, and a
/// catalog version its province hands down. The request is parsed here, once, at the end of its route.
/// </summary>
internal sealed class LocalHandlers(VisitDesk visits, SettlementDesk settlements, CatalogDesk catalogs)
{
    public async Task<byte[]> HandleAsync(string method, byte[] body, ServerCallContext context)
    {
        IMessage response = method switch
        {
            RawMethods.FindPerson => await visits.FindPersonHereAsync(GetPersonRequest.Parser.ParseFrom(body)).ConfigureAwait(false),
            RawMethods.Adjudicate => await settlements.AdjudicateAsync(AdjudicateRequest.Parser.ParseFrom(body)).ConfigureAwait(false),
            RawMethods.CancelSettlement => await settlements.CancelHereAsync(CancelSettlementRequest.Parser.ParseFrom(body)).ConfigureAwait(false),
            RawMethods.Reverse => await settlements.ReverseHereAsync(ReverseRequest.Parser.ParseFrom(body)).ConfigureAwait(false),
            RawMethods.DistributeCatalog => await catalogs.PublishHereAsync(PublishCatalogRequest.Parser.ParseFrom(body)).ConfigureAwait(false),
            _ => throw new AdjudicationException(ErrorKind.FailedPrecondition, Reasons.NoRoute, $"{method} is not served by this node; send it to the division it is for."),
        };
        return response.ToByteArray();
    }
}
