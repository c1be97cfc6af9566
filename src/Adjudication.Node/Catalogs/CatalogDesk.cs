using Adjudication.Contracts.V1;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Units;
using Adjudication.Node.Errors;
using Adjudication.Node.Mapping;
using Adjudication.Node.Network;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using Google.Protobuf;
using Grpc.Core;
using DomainCatalogVersion = Adjudication.Domain.Catalog.CatalogVersion;

namespace Adjudication.Node.Catalogs;

/// <summary>
/// Catalog publication (1301-1321 family, DESIGN.md §3): a province publishes an immutable version, keeps it and hands
/// it to each of its cities, which load it into memory; a version takes effect from its effective date, no restart.
/// A version arrives as a stream of parts (<see cref="CatalogParts"/>), read and checked part by part, so no message is
/// larger than a few megabytes and a bad entry is refused as soon as its part arrives.
/// </summary>
internal sealed class CatalogDesk(CatalogStore catalogs, NetworkClient network, ILogger<CatalogDesk> logger)
{
    /// <summary>Longest item name accepted (characters).</summary>
    public const int MaxNameLength = 128;

    /// <summary>Publishes here and, at a provincial node, in every city of the province.</summary>
    public async Task<PublishCatalogResponse> PublishAsync(IAsyncEnumerable<PublishCatalogRequest> parts, ServerCallContext context)
    {
        var (received, effective) = await ReceiveAsync(parts).ConfigureAwait(false);
        var response = await StoreAsync(received, effective).ConfigureAwait(false);
        if (network.Router is { Self.Role: NodeRole.Provincial } router)
        {
            await DistributeAsync(received, router.Children, context).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>Validates and stores a version in this node's region; the in-memory catalog picks it up at once.</summary>
    public async Task<PublishCatalogResponse> PublishHereAsync(IAsyncEnumerable<PublishCatalogRequest> parts)
    {
        var (received, effective) = await ReceiveAsync(parts).ConfigureAwait(false);
        return await StoreAsync(received, effective).ConfigureAwait(false);
    }

    // Reads the whole stream, refusing at the first part with a bad field (field names count entries over the whole
    // version: entries[12345]). Memory is bounded by MaxEntriesPerVersion: a longer stream is refused when it gets there.
    private static async Task<(PublishCatalogRequest Version, DateOnly Effective)> ReceiveAsync(IAsyncEnumerable<PublishCatalogRequest> parts)
    {
        PublishCatalogRequest? version = null;
        var effective = default(DateOnly);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var part in parts.ConfigureAwait(false))
        {
            var check = new RequestCheck();
            if (version is null)
            {
                version = new PublishCatalogRequest { Msgid = part.Msgid, CatalogVersion = part.CatalogVersion, EffectiveDate = part.EffectiveDate };
                check.Msgid("msgid", part.Msgid, null).Id("catalog_version", part.CatalogVersion).Date("effective_date", part.EffectiveDate, out effective);
            }
            else
            {
                check.That(part.Msgid.Length == 0 || part.Msgid == version.Msgid, "msgid", "must be empty or the first message's after the first message of the stream")
                    .That(part.CatalogVersion.Length == 0 || part.CatalogVersion == version.CatalogVersion, "catalog_version", "must be empty or the first message's after the first message of the stream")
                    .That(part.EffectiveDate.Length == 0 || part.EffectiveDate == version.EffectiveDate, "effective_date", "must be empty or the first message's after the first message of the stream");
            }

            check.That(part.Entries.Count <= CatalogParts.MaxEntriesPerMessage, "entries", $"must hold at most {CatalogParts.MaxEntriesPerMessage} entries per message; send the rest in further messages of the stream")
                .That(version.Entries.Count + part.Entries.Count <= CatalogParts.MaxEntriesPerVersion, "entries", $"must hold at most {CatalogParts.MaxEntriesPerVersion} entries over the whole stream");
            CheckEntries(check, part, version.Entries.Count, codes);
            check.ThrowIfAny();
            version.Entries.Add(part.Entries);
        }

        new RequestCheck()
            .That(version is not null, "catalog_version", "is required: the stream ended before its first message")
            .That(version is null || version.Entries.Count > 0, "entries", $"must hold 1 to {CatalogParts.MaxEntriesPerVersion} entries over the stream")
            .ThrowIfAny();
        return (version!, effective);
    }

    private static void CheckEntries(RequestCheck check, PublishCatalogRequest part, int before, HashSet<string> codes)
    {
        for (var i = 0; i < part.Entries.Count && !check.HasViolations; i++)
        {
            var e = part.Entries[i];
            var at = $"entries[{before + i}]";
            check.Id($"{at}.med_list_codg", e.MedListCodg)
                .That(codes.Add(e.MedListCodg), $"{at}.med_list_codg", $"'{Echo.Cut(e.MedListCodg)}' appears twice")
                .That(e.Name.Length <= MaxNameLength, $"{at}.name", $"must be at most {MaxNameLength} characters")
                .Defined($"{at}.item_class", e.ItemClass is >= ItemClass.A and <= ItemClass.C, (int)e.ItemClass)
                .That(BasisPoints.IsValidRatio(e.SelfpayBp), $"{at}.selfpay_bp", "must be 0-10000")
                .That(e.PriceCap >= 0, $"{at}.price_cap", "must not be negative");
        }
    }

    private async Task<PublishCatalogResponse> StoreAsync(PublishCatalogRequest received, DateOnly effective)
    {
        var version = new DomainCatalogVersion(received.CatalogVersion, effective, received.Entries.Select(ProtoMapping.ToDomain));
        if (!await catalogs.PublishAsync(version).ConfigureAwait(false))
        {
            throw new AdjudicationException(ErrorKind.AlreadyExists, Reasons.CatalogVersionExists, $"Catalog version {received.CatalogVersion} was already published with other content; versions are immutable, publish a new version id.");
        }

        return new PublishCatalogResponse { CatalogVersion = version.Version, EntryCount = version.Count };
    }

    // Every city gets the version as a stream of the same parts; a city that cannot be reached is named, and publishing
    // again with the same msgid and content is a no-op where the version already is.
    private async Task DistributeAsync(PublishCatalogRequest received, IReadOnlyList<TopologyNode> cities, ServerCallContext context)
    {
        var parts = CatalogParts.Split(received).Select(p => p.ToByteArray()).ToList();
        var failed = new List<string>();
        foreach (var city in cities)
        {
            try
            {
                await network.StreamAsync(city, RawMethods.DistributeCatalog, parts, city.Admdvs, context).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RpcException or AdjudicationException)
            {
                NetworkLog.CatalogDistributionFailed(logger, received.CatalogVersion, city.Id, ex);
                failed.Add(city.ToString());
            }
        }

        if (failed.Count > 0)
        {
            throw new AdjudicationException(ErrorKind.Unavailable, Reasons.HopUnavailable,
                $"Catalog version {received.CatalogVersion} is stored at the province but did not reach: {string.Join("; ", failed)}. Publish it again with the same msgid and content once they are up; cities that have it keep it unchanged.");
        }
    }
}
