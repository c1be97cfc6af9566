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
/// </summary>
internal sealed class CatalogDesk(CatalogStore catalogs, NetworkClient network, ILogger<CatalogDesk> logger)
{
    /// <summary>Most entries one published version may hold.</summary>
    public const int MaxEntries = 200_000;

    /// <summary>Publishes here and, at a provincial node, in every city of the province.</summary>
    public async Task<PublishCatalogResponse> PublishAsync(PublishCatalogRequest request, ServerCallContext context)
    {
        var response = await PublishHereAsync(request).ConfigureAwait(false);
        if (network.Router is { Self.Role: NodeRole.Provincial } router)
        {
            var failed = new List<string>();
            var body = request.ToByteArray();
            foreach (var city in router.Children)
            {
                try
                {
                    await network.ForwardAsync(city, RawMethods.DistributeCatalog, body, city.Admdvs, context).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is RpcException or AdjudicationException)
                {
                    NetworkLog.CatalogDistributionFailed(logger, request.CatalogVersion, city.Id, ex);
                    failed.Add(city.ToString());
                }
            }

            if (failed.Count > 0)
            {
                throw new AdjudicationException(ErrorKind.Unavailable, Reasons.HopUnavailable,
                    $"Catalog version {request.CatalogVersion} is stored at the province but did not reach: {string.Join("; ", failed)}. Publish it again with the same msgid and content once they are up; cities that have it keep it unchanged.");
            }
        }

        return response;
    }

    /// <summary>Validates and stores a version in this node's region; the in-memory catalog picks it up at once.</summary>
    public async Task<PublishCatalogResponse> PublishHereAsync(PublishCatalogRequest request)
    {
        var check = new RequestCheck()
            .Msgid("msgid", request.Msgid, null)
            .Id("catalog_version", request.CatalogVersion)
            .Date("effective_date", request.EffectiveDate, out var effective)
            .That(request.Entries.Count is > 0 and <= MaxEntries, "entries", $"must hold 1 to {MaxEntries} entries");
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Entries.Count && !check.HasViolations; i++)
        {
            var e = request.Entries[i];
            check.Id($"entries[{i}].med_list_codg", e.MedListCodg)
                .That(codes.Add(e.MedListCodg), $"entries[{i}].med_list_codg", $"'{Echo.Cut(e.MedListCodg)}' appears twice")
                .Defined($"entries[{i}].item_class", e.ItemClass is >= ItemClass.A and <= ItemClass.C, (int)e.ItemClass)
                .That(BasisPoints.IsValidRatio(e.SelfpayBp), $"entries[{i}].selfpay_bp", "must be 0-10000")
                .That(e.PriceCap >= 0, $"entries[{i}].price_cap", "must not be negative");
        }

        check.ThrowIfAny();
        var version = new DomainCatalogVersion(request.CatalogVersion, effective, request.Entries.Select(ProtoMapping.ToDomain));
        if (!await catalogs.PublishAsync(version).ConfigureAwait(false))
        {
            throw new AdjudicationException(ErrorKind.AlreadyExists, Reasons.CatalogVersionExists, $"Catalog version {request.CatalogVersion} was already published with other content; versions are immutable, publish a new version id.");
        }

        return new PublishCatalogResponse { CatalogVersion = version.Version, EntryCount = version.Count };
    }
}
