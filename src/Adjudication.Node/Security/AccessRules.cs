using System.Net;
using Adjudication.Contracts.V1;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Errors;
using Adjudication.Node.Errors;
using Adjudication.Domain.Institutions;
using Adjudication.Domain.Time;
using Adjudication.Node.Hosting;
using Adjudication.Node.Network;
using Adjudication.Storage;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Adjudication.Node.Security;

/// <summary>
/// Who may call what (DESIGN.md §8), decided before a handler runs: the caller's identity from its certificate (or,
/// in development mode only, from the <c>adjudication-dev-identity</c> header), then the table: institutions call
/// SettlementService under their own code in the city that designated them; a city's agency files for persons of its
/// city and keeps its reference data (persons, accounts, institutions) and its city's policies there; a province's
/// agency publishes its catalog and integration zones at its provincial node; only the node's parent and children call
/// NetworkService, carrying the original caller; operators and nodes read counters; health is open. Rules that need a
/// relayed request's content (the insured city checking the original institution) are in <see cref="RelayedCallRules"/>.
/// </summary>
internal sealed class AccessRules(IOptions<NodeOptions> options, NetworkClient network, ReferenceDataStore referenceData, RevocationList revocations, TimeProvider clock)
{
    private const string Settlement = "/adjudication.v1.SettlementService/";
    private const string Reconciliation = "/adjudication.v1.ReconciliationService/";
    private const string Filing = "/adjudication.v1.FilingService/";
    private const string Catalog = "/adjudication.v1.CatalogService/";
    private const string ReferenceData = "/adjudication.v1.ReferenceDataService/";
    private const string Network = "/adjudication.v1.NetworkService/";
    private const string Diagnostics = "/adjudication.v1.DiagnosticsService/";
    private const string Policy = "/adjudication.v1.PolicyService/";
    private const string Clearing = "/adjudication.v1.ClearingService/";
    private const string Prepayment = "/adjudication.v1.PrepaymentService/";
    private readonly NodeOptions _options = options.Value;
    private readonly string _city = Admdvs.IsValid(options.Value.Admdvs) ? Admdvs.CityOf(options.Value.Admdvs) : options.Value.Admdvs;

    /// <summary>Lets the call in and says who it acts for, or throws the refusal; null for an open method (health).</summary>
    public async ValueTask<AuthenticatedCall?> AuthorizeAsync(object? request, ServerCallContext context)
    {
        var method = context.Method;
        if (method.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal))
        {
            return null;
        }

        var peer = PeerOf(context.GetHttpContext().Connection, context.RequestHeaders.GetValue(NetworkHeaders.DevIdentity)) ?? throw NoIdentity(method);
        return await AdmitAsync(request, method, peer, context).ConfigureAwait(false);
    }

    /// <summary>
    /// The same rules for a call that arrives as a JSON envelope (Gateway): <paramref name="method"/> is the gRPC
    /// method the envelope's transaction maps to, so an institution is held to exactly what it may do over gRPC.
    /// NetworkService is never reached this way.
    /// </summary>
    public async ValueTask<AuthenticatedCall> AuthorizeAsync(object? request, string method, HttpContext http)
    {
        var peer = PeerOf(http.Connection, http.Request.Headers[NetworkHeaders.DevIdentity].FirstOrDefault()) ?? throw NoIdentity(method);
        return await AdmitAsync(request, method, peer, null).ConfigureAwait(false);
    }

    private async ValueTask<AuthenticatedCall> AdmitAsync(object? request, string method, CallerIdentity peer, ServerCallContext? context)
    {
        if (method.StartsWith(Settlement, StringComparison.Ordinal))
        {
            // Fail closed: a SettlementService request that does not name its institution is not let in.
            await RequireInstitutionAsync(peer, request as IInstitutionCall ?? throw Unlisted(method, peer), method, reconciling: false).ConfigureAwait(false);
        }
        else if (method.StartsWith(Reconciliation, StringComparison.Ordinal))
        {
            // 3201/3202 for itself only (DESIGN.md §8). The 3202 stream names its institution in its first message,
            // which is not read yet: its desk holds that code to the caller's.
            var call = request switch
            {
                IInstitutionCall institution => institution,
                null when method == Reconciliation + "ReconcileDetails" => null,
                _ => throw Unlisted(method, peer),
            };
            await RequireInstitutionAsync(peer, call, method, reconciling: true).ConfigureAwait(false);
        }
        else if (method.StartsWith(Filing, StringComparison.Ordinal))
        {
            RequireCityAgency(peer, (request as IInsuredPersonCall ?? throw Unlisted(method, peer)).InsuplcAdmdvs, method);
        }
        else if (method.StartsWith(ReferenceData, StringComparison.Ordinal))
        {
            // Persons, accounts and institutions of the agency's own city (DESIGN.md §8, §12). A bulk enrolment is a
            // stream whose rows are unknown here: its desk refuses each row of another city. Any other request is closed.
            var division = request switch
            {
                IInsuredPersonCall person => person.InsuplcAdmdvs,
                IInstitutionRegistryCall institution => institution.Admdvs,
                null when method == ReferenceData + "EnrolPersons" => null,
                _ => throw Unlisted(method, peer),
            };
            RequireCityAgency(peer, division, method);
        }
        else if (method == Catalog + "PublishCatalog")
        {
            RequireProvinceAgency(peer, method, "Catalogs");
        }
        else if (method == Policy + "PublishZone")
        {
            RequireProvinceAgency(peer, method, "Integration zones");
        }
        else if (method == Policy + "ListZones")
        {
            RequireKind(peer, method, "agencies and operators", IdentityKind.Agency, IdentityKind.Operator);
        }
        else if (method is Policy + "PublishPolicy" or Policy + "ListPolicyVersions" or Policy + "GetPolicyVersion")
        {
            // Fail closed: a policy request that does not name its city is not let in.
            RequireCityAgency(peer, (request as IInsuredPersonCall ?? throw Unlisted(method, peer)).InsuplcAdmdvs, method);
            RequireMunicipal(method, "A city's policy is published and read at the city's node");
        }
        else if (method.StartsWith(Catalog, StringComparison.Ordinal))
        {
            RequireKind(peer, method, "institutions, agencies and operators", IdentityKind.Institution, IdentityKind.Agency, IdentityKind.Operator);
        }
        else if (method.StartsWith(Network, StringComparison.Ordinal))
        {
            return RelayedFrom(peer, context ?? throw Unlisted(method, peer));
        }
        else if (method.StartsWith(Clearing, StringComparison.Ordinal) || method == Prepayment + "DepositPrepayment")
        {
            // Clearing of a city's or a province's funds (DESIGN.md §8); which region the agency may act for depends on
            // the step and the request, and is held by the desk.
            RequireKind(peer, method, "agencies" + (method.EndsWith("GetClearingStatement", StringComparison.Ordinal) ? " and operators" : string.Empty),
                method.EndsWith("GetClearingStatement", StringComparison.Ordinal) ? [IdentityKind.Agency, IdentityKind.Operator] : [IdentityKind.Agency]);
        }
        else if (method == Prepayment + "GetPrepayment")
        {
            RequireKind(peer, method, "province agencies and operators", IdentityKind.Agency, IdentityKind.Operator);
        }
        else if (method == Diagnostics + "ReadCounters")
        {
            RequireKind(peer, method, "operators and nodes", IdentityKind.Operator, IdentityKind.Node);
        }
        else if (method == Diagnostics + "ReadOutbox")
        {
            RequireKind(peer, method, "operators", IdentityKind.Operator);
        }
        else if (method != Diagnostics + "Ping" && !method.StartsWith("/grpc.reflection.", StringComparison.Ordinal))
        {
            // Only the methods named above are open; a method added later is closed until it is listed here.
            throw Unlisted(method, peer);
        }

        return new AuthenticatedCall(peer, peer, null);
    }

    private static AdjudicationException NoIdentity(string method) => new(ErrorKind.Unauthenticated, Reasons.NoIdentity,
        $"{method} needs a caller identity: connect with a client certificate issued by the network's CA " +
        "(adjudication certs issue --kind institution|agency|operator --id ID).");

    private CallerIdentity? PeerOf(ConnectionInfo connection, string? devIdentity)
    {
        if (_options.Plaintext)
        {
            // Development mode: no certificates, the caller names itself; believed only over loopback (NodeTransport
            // refuses other addresses, and this holds even if a listener were added some other way).
            return connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
                && CallerIdentity.TryParse(devIdentity, out var stated) ? stated : null;
        }

        var certificate = connection.ClientCertificate;
        if (certificate is null)
        {
            return null;
        }

        // The handshake checked the validity period; a connection may outlive it, so every call checks again.
        if (certificate.NotAfter.ToUniversalTime() < DateTime.UtcNow)
        {
            throw new AdjudicationException(ErrorKind.Unauthenticated, Reasons.NoIdentity,
                $"The client certificate expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; reconnect with a renewed certificate (adjudication certs issue).");
        }

        // Revoked since the connection was made: refused from the next call on, not only at the next handshake.
        if (revocations.IsRevoked(certificate))
        {
            throw new AdjudicationException(ErrorKind.Unauthenticated, Reasons.NoIdentity,
                $"The client certificate (serial {certificate.SerialNumber}) is revoked by the network's CA; reconnect with a new certificate (adjudication certs issue).");
        }

        return CallerIdentity.FromCertificate(certificate);
    }

    // An institution acts under its own code, in the city that designated it (DESIGN.md §8): it settles while its
    // designation is in force, and reconciles what it settled even once the designation is suspended or ended (the agency
    // still settles accounts with it).
    private async ValueTask RequireInstitutionAsync(CallerIdentity peer, IInstitutionCall? request, string method, bool reconciling)
    {
        RequireKind(peer, method, "designated institutions (hospitals and pharmacies)", IdentityKind.Institution);
        // A malformed code is left to the handler, which refuses it as INVALID_ARGUMENT naming the field.
        if (request is not null && FixmedinsCode.IsValid(request.FixmedinsCode) && request.FixmedinsCode != peer.Id)
        {
            throw Denied(Reasons.InstitutionMismatch,
                $"The caller is {peer}; it may act only under its own fixmedins_code, not '{Echo.Cut(request.FixmedinsCode)}'. Send {peer.Id}, or call with that institution's certificate.");
        }

        if (peer.Admdvs is { } city && Admdvs.CityOf(city) != _city)
        {
            throw Denied(Reasons.InstitutionMismatch, $"The caller is {peer}; this node serves {_city}. Call the node of {Admdvs.CityOf(city)}.");
        }

        var institution = await referenceData.GetInstitutionAsync(peer.Id).ConfigureAwait(false);
        // Designated today, China time (DESIGN.md §12: a designation has dates and can be suspended); to reconcile,
        // designated at all.
        var designated = reconciling ? institution?.Designated == true : institution?.IsDesignatedOn(DateOnly.FromDateTime(ChinaTime.Now(clock).DateTime)) == true;
        if (!designated || Admdvs.CityOf(institution!.Admdvs) != _city)
        {
            throw new AdjudicationException(ErrorKind.FailedPrecondition, Reasons.InstitutionNotDesignated, reconciling
                ? $"{peer.Id} was never designated by {_city}; only institutions this city designated may reconcile with it."
                : $"{peer.Id} is not a designated institution of {_city}; only institutions this city designated may call it. Ask the agency of {_city} to designate it.");
        }
    }

    // Filings and reference data belong to the city's agency (DESIGN.md §8): the person's insured city, the
    // institution's city. A malformed division is left to the handler, which refuses it naming the field.
    private void RequireCityAgency(CallerIdentity peer, string? division, string method)
    {
        RequireKind(peer, method, "the agency of the persons' insured city", IdentityKind.Agency);
        if (peer.Admdvs != _city)
        {
            throw Denied(Reasons.AgencyMismatch, $"The caller is {peer}; {method} at this node is for the agency of {_city}.");
        }

        if (division is not null && Admdvs.IsValid(division) && Admdvs.CityOf(division) != _city)
        {
            throw Denied(Reasons.AgencyMismatch, $"The caller is {peer}; it acts only for persons insured in {_city} and institutions of {_city}, not of '{Echo.Cut(division)}'.");
        }
    }

    // A catalog (就医地目录) and the integration zones are the province's: published by its agency at its provincial
    // node (DESIGN.md §8). A stand-alone city node (no network) stands in for its province.
    private void RequireProvinceAgency(CallerIdentity peer, string method, string what)
    {
        RequireKind(peer, method, "the agency of the province", IdentityKind.Agency);
        var province = Admdvs.IsValid(_options.Admdvs) ? Admdvs.ProvinceOf(_options.Admdvs) : _options.Admdvs;
        if (network.IsConnected && _options.Role != NodeRole.Provincial)
        {
            throw Denied(Reasons.CallerNotAllowed, $"{what} are published at the provincial node of {province}, which hands them to its cities; this is a {NodeRoles.Name(_options.Role)} node.");
        }

        if (peer.Admdvs != province)
        {
            throw Denied(Reasons.AgencyMismatch, $"The caller is {peer}; the {what.ToLowerInvariant()} of {province} are published by the agency of {province}.");
        }
    }

    private void RequireMunicipal(string method, string why)
    {
        if (_options.Role != NodeRole.Municipal)
        {
            throw Denied(Reasons.CallerNotAllowed, $"{why}; {method} is not served at this {NodeRoles.Name(_options.Role)} node.");
        }
    }

    // NetworkService: only the node's parent and children, and each names the caller it relays for.
    private AuthenticatedCall RelayedFrom(CallerIdentity peer, ServerCallContext context)
    {
        RequireKind(peer, context.Method, "neighbouring nodes of the network", IdentityKind.Node);
        var router = network.Router
            ?? throw Denied(Reasons.NotANeighbour, "This node runs without a topology and takes no network calls.");
        var fromParent = router.Parent?.Id == peer.Id;
        if (!fromParent && !IsChild(router, peer.Id))
        {
            throw Denied(Reasons.NotANeighbour, $"The caller is {peer}; only this node's parent and children ({NeighboursOf(router)}) may call {context.Method}.");
        }

        var origin = context.RequestHeaders.GetValue(NetworkHeaders.Origin);
        if (!CallerIdentity.TryParse(context.RequestHeaders.GetValue(NetworkHeaders.Caller), out var caller) || origin is null || !router.Topology.TryGetById(origin, out var originNode))
        {
            throw Denied(Reasons.CallerNotAllowed,
                $"A network call must carry the original caller ('{NetworkHeaders.Caller}') and the node it entered at ('{NetworkHeaders.Origin}'); {peer} sent neither or an unknown one.");
        }

        // A call travels the route of DESIGN.md §3, so it can reach this node from its origin only through the neighbour
        // on the way back to that origin: a neighbour cannot speak for a node on the other side of this one.
        if (router.NextHop(originNode.Admdvs).Peer?.Id != peer.Id)
        {
            throw Denied(Reasons.NotANeighbour, $"The caller is {peer}; a call that entered the network at {originNode} does not reach this node through it.");
        }

        // Clearing rows come one hop up from a child, for itself, never relayed (DESIGN.md §11).
        if (context.Method == Network + "BookClearing" && (fromParent || origin != peer.Id))
        {
            throw Denied(Reasons.NotANeighbour, $"The caller is {peer} for {originNode}; clearing rows come only from a child node, for itself.");
        }

        // Catalogs and zones come one hop down from the province that published them, never relayed further (DESIGN.md §3).
        if (context.Method is Network + "DistributeCatalog" or Network + "DistributeZone" && (!fromParent || origin != peer.Id))
        {
            throw Denied(Reasons.NotANeighbour, $"The caller is {peer} for {originNode}; a catalog or zone comes only from this node's province {router.Parent?.Id}, which published it.");
        }

        return new AuthenticatedCall(caller, peer, origin);
    }

    private static bool IsChild(Router router, string id)
    {
        foreach (var child in router.Children)
        {
            if (child.Id == id)
            {
                return true;
            }
        }

        return false;
    }

    private static string NeighboursOf(Router router) =>
        string.Join(", ", router.Children.Select(c => c.Id).Prepend(router.Parent?.Id).OfType<string>());

    private static void RequireKind(CallerIdentity peer, string method, string who, params ReadOnlySpan<IdentityKind> kinds)
    {
        foreach (var kind in kinds)
        {
            if (peer.Kind == kind)
            {
                return;
            }
        }

        throw Denied(Reasons.CallerNotAllowed, $"The caller is {peer}; {method} is for {who} only.");
    }

    private static AdjudicationException Unlisted(string method, CallerIdentity peer) =>
        Denied(Reasons.CallerNotAllowed, $"{method} is not open to {peer}: no access rule lists it.");

    private static AdjudicationException Denied(string reason, string message) => new(ErrorKind.PermissionDenied, reason, message);
}
