using Adjudication.Contracts.V1;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Time;
using Adjudication.Domain.Units;
using Adjudication.Node.Mapping;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using Grpc.Core;
using DomainCatalogVersion = Adjudication.Domain.Catalog.CatalogVersion;

namespace Adjudication.Node.Services;

/// <summary>The catalog of this node's region: publish immutable versions, look items up, download a version.</summary>
internal sealed class CatalogGrpcService(CatalogStore catalogs, TimeProvider clock) : CatalogService.CatalogServiceBase
{
    /// <summary>Most entries one published version may hold.</summary>
    public const int MaxEntries = 200_000;

    /// <summary>Most codes one lookup may ask for.</summary>
    public const int MaxLookupCodes = 1_000;

    public override async Task<PublishCatalogResponse> PublishCatalog(PublishCatalogRequest request, ServerCallContext context)
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
                .That(codes.Add(e.MedListCodg), $"entries[{i}].med_list_codg", $"'{e.MedListCodg}' appears twice")
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

    public override Task<LookupItemsResponse> LookupItems(LookupItemsRequest request, ServerCallContext context)
    {
        var date = DateOnly.FromDateTime(ChinaTime.Now(clock).DateTime);
        var check = new RequestCheck().That(request.MedListCodg.Count is > 0 and <= MaxLookupCodes, "med_list_codg", $"must hold 1 to {MaxLookupCodes} codes");
        if (request.Date.Length > 0)
        {
            check.Date("date", request.Date, out date);
        }

        check.ThrowIfAny();
        var version = catalogs.Current.InForceOn(date)
            ?? throw Refusals.NotFound(Reasons.CatalogNotFound, $"No catalog version is in force on {date:yyyy-MM-dd}; the province must publish one.");
        var response = new LookupItemsResponse { CatalogVersion = version.Version };
        foreach (var code in request.MedListCodg)
        {
            if (version.TryFind(code, out var entry))
            {
                response.Entries.Add(ProtoMapping.ToProto(entry));
            }
            else
            {
                response.UnknownCodes.Add(code);
            }
        }

        return Task.FromResult(response);
    }

    public override async Task DownloadCatalog(DownloadCatalogRequest request, IServerStreamWriter<CatalogEntry> responseStream, ServerCallContext context)
    {
        var set = catalogs.Current;
        var version = (request.CatalogVersion.Length == 0 ? set.InForceOn(DateOnly.FromDateTime(ChinaTime.Now(clock).DateTime)) : set.Find(request.CatalogVersion))
            ?? throw Refusals.NotFound(Reasons.CatalogNotFound, $"Catalog version '{request.CatalogVersion}' is not published here.");
        foreach (var entry in version.Entries.OrderBy(e => e.Code, StringComparer.Ordinal))
        {
            await responseStream.WriteAsync(ProtoMapping.ToProto(entry), context.CancellationToken).ConfigureAwait(false);
        }
    }
}
