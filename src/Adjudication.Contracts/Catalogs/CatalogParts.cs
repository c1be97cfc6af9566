using Grpc.Core;

namespace Adjudication.Contracts.V1;

/// <summary>
/// A catalog version travels as a client stream of <see cref="PublishCatalogRequest"/> parts: the first names the
/// version, each carries at most <see cref="MaxEntriesPerMessage"/> entries, so no single message comes near the 4 MiB
/// message limit however large the catalog. These helpers cut a whole version into parts and send them.
/// </summary>
public static class CatalogParts
{
    /// <summary>Most entries one message of the stream may carry (a message of 5,000 entries at their longest accepted size is about 2.4 MB).</summary>
    public const int MaxEntriesPerMessage = 5_000;

    /// <summary>Most entries one published version may hold, over all its messages.</summary>
    public const int MaxEntriesPerVersion = 200_000;

    /// <summary>
    /// Cuts <paramref name="version"/> (msgid, version id, effective date and all its entries in one object) into the
    /// messages of a publication stream. A version without entries still yields its first message.
    /// </summary>
    public static IEnumerable<PublishCatalogRequest> Split(PublishCatalogRequest version, int entriesPerMessage = MaxEntriesPerMessage)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(entriesPerMessage);
        var entries = version.Entries;
        var start = 0;
        do
        {
            // The first message names the version; the others carry entries only.
            var part = start == 0
                ? new PublishCatalogRequest { Msgid = version.Msgid, CatalogVersion = version.CatalogVersion, EffectiveDate = version.EffectiveDate }
                : new PublishCatalogRequest();
            for (var i = start; i < entries.Count && i < start + entriesPerMessage; i++)
            {
                part.Entries.Add(entries[i]);
            }

            yield return part;
            start += entriesPerMessage;
        }
        while (start < entries.Count);
    }

    /// <summary>
    /// Publishes a whole catalog version through <see cref="CatalogService.CatalogServiceClient.PublishCatalog(CallOptions)"/>:
    /// splits it, streams the parts and returns the node's answer. A refusal the node sends while the stream is still
    /// being written (for example a bad entry in an early part) is the exception thrown, not a broken write.
    /// </summary>
    public static Task<PublishCatalogResponse> PublishCatalogAsync(this CatalogService.CatalogServiceClient client, PublishCatalogRequest version, CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return SendAsync(client.PublishCatalog(options), Split(version));
    }

    /// <summary>Streams <paramref name="parts"/> on an open publication call and returns its answer (<see cref="ClientStreams.SendAllAsync"/>).</summary>
    public static Task<PublishCatalogResponse> SendAsync(AsyncClientStreamingCall<PublishCatalogRequest, PublishCatalogResponse> call, IEnumerable<PublishCatalogRequest> parts) =>
        call.SendAllAsync(parts);
}
