using Adjudication.Contracts.V1;
using Adjudication.Domain.Errors;
using Adjudication.Domain.Time;
using Adjudication.Node.Catalogs;
using Adjudication.Node.Errors;
using Adjudication.Node.Mapping;
using Adjudication.Node.Validation;
using Adjudication.Storage;
using Grpc.Core;

namespace Adjudication.Node.Services;

/// <summary>The catalog of this node's region: publish immutable versions, look items up, download a version.</summary>
// Bound through UnreadableRequests: a body that is not this service's message is INVALID_ARGUMENT, not UNKNOWN.
[BindServiceMethod(typeof(UnreadableRequests), nameof(UnreadableRequests.BindService))]
internal sealed class CatalogGrpcService(CatalogDesk desk, CatalogStore catalogs, TimeProvider clock) : CatalogService.CatalogServiceBase
{
    /// <summary>Most codes one lookup may ask for.</summary>
    public const int MaxLookupCodes = 1_000;

    public override Task<PublishCatalogResponse> PublishCatalog(IAsyncStreamReader<PublishCatalogRequest> requestStream, ServerCallContext context) =>
        desk.PublishAsync(requestStream.ReadAllAsync(context.CancellationToken), context);

    public override Task<LookupItemsResponse> LookupItems(LookupItemsRequest request, ServerCallContext context)
    {
        var date = DateOnly.FromDateTime(ChinaTime.Now(clock).DateTime);
        var check = new RequestCheck().That(request.MedListCodg.Count is > 0 and <= MaxLookupCodes, "med_list_codg", $"must hold 1 to {MaxLookupCodes} codes");
        for (var i = 0; i < request.MedListCodg.Count && !check.HasViolations; i++)
        {
            // Unknown codes are echoed in the answer: each is a code of at most MaxIdLength characters.
            check.Id($"med_list_codg[{i}]", request.MedListCodg[i]);
        }

        if (request.Date.Length > 0)
        {
            check.Date("date", request.Date, out date);
        }

        check.ThrowIfAny();
        var version = catalogs.Current.InForceOn(date)
            ?? throw Refusals.NotFound(Reasons.CatalogNotFound, date < catalogs.ServedFrom
                ? $"Catalog versions in force before {catalogs.ServedFrom:yyyy-MM-dd} are kept in the store but not served (Node:CatalogLookBackYears); ask about a date from then on."
                : $"No catalog version is in force on {date:yyyy-MM-dd}; the province must publish one.");
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
            ?? throw Refusals.NotFound(Reasons.CatalogNotFound, $"Catalog version '{Echo.Cut(request.CatalogVersion)}' is not published here, or in force only before {catalogs.ServedFrom:yyyy-MM-dd} and so kept in the store but not served; DownloadCatalog with an empty version gives the one in force today.");
        foreach (var entry in version.Entries.OrderBy(e => e.Code, StringComparer.Ordinal))
        {
            await responseStream.WriteAsync(ProtoMapping.ToProto(entry), context.CancellationToken).ConfigureAwait(false);
        }
    }
}
