using Adjudication.Contracts.V1;
using Grpc.Core;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>Sends a whole catalog version as a node-to-node DistributeCatalog stream, as a province does.</summary>
internal static class CatalogDistribution
{
    public static Task<PublishCatalogResponse> DistributeCatalogAsync(this NetworkService.NetworkServiceClient client, PublishCatalogRequest version, Metadata headers) =>
        CatalogParts.SendAsync(client.DistributeCatalog(headers), CatalogParts.Split(version));
}
