using Adjudication.Domain.Divisions;
using Adjudication.Domain.Errors;
using Adjudication.Node.Errors;
using Adjudication.Node.Network;

namespace Adjudication.Node.Security;

/// <summary>
/// The rules a node applies to the content of a relayed call it serves (DESIGN.md §8): the neighbour vouched for the
/// original caller, and the insured city still holds that caller to its own code; a filing version comes only from
/// the insured city; a catalog or an integration zone only from the province's agency (a zone also from the province's
/// node, delivering what its outbox owed).
/// </summary>
internal static class RelayedCallRules
{
    /// <summary>FindPerson, Adjudicate, CancelSettlement, Reverse: acts for the institution named in the request.</summary>
    public static void RequireInstitution(AuthenticatedCall? call, string fixmedinsCode)
    {
        var caller = call?.Caller;
        if (caller is not { Kind: IdentityKind.Institution } || caller.Id != fixmedinsCode)
        {
            throw Denied(Reasons.InstitutionMismatch,
                $"The relayed call acts for {Describe(caller)}; it may act only for the institution that sent it, not '{Echo.Cut(fixmedinsCode)}'.");
        }
    }

    /// <summary>Adjudicate: the visit was treated in the city of the node that relayed it into the network.</summary>
    public static void RequireTreatedAtOrigin(AuthenticatedCall? call, Router router, string mdtrtareaAdmvs)
    {
        var origin = call?.OriginNode is { } id && router.Topology.TryGetById(id, out var node) ? node : null;
        if (origin is not { Role: NodeRole.Municipal } || !Admdvs.IsValid(mdtrtareaAdmvs) || Admdvs.CityOf(mdtrtareaAdmvs) != origin.Admdvs)
        {
            throw Denied(Reasons.InstitutionMismatch,
                $"A visit treated in '{Echo.Cut(mdtrtareaAdmvs)}' is settled only through that city's node; this call entered the network at {origin?.ToString() ?? "an unknown node"}.");
        }
    }

    /// <summary>PushFiling: a filing version comes only from the node of the person's insured city.</summary>
    public static void RequireFromInsuredCity(AuthenticatedCall? call, Router router, string insuplcAdmdvs)
    {
        var origin = call?.OriginNode is { } id && router.Topology.TryGetById(id, out var node) ? node : null;
        if (origin is not { Role: NodeRole.Municipal } || !Admdvs.IsValid(insuplcAdmdvs) || Admdvs.CityOf(insuplcAdmdvs) != origin.Admdvs)
        {
            throw Denied(Reasons.CallerNotAllowed,
                $"Filings of persons insured in '{Echo.Cut(insuplcAdmdvs)}' are versioned only by that city's node; this push started at {origin?.ToString() ?? "an unknown node"}.");
        }
    }

    /// <summary>DistributeCatalog, DistributeZone: the province's agency published <paramref name="what"/>.</summary>
    public static void RequireProvinceAgency(AuthenticatedCall? call, string province, string what)
    {
        if (call?.Caller is not { Kind: IdentityKind.Agency } agency || agency.Admdvs != province)
        {
            throw Denied(Reasons.AgencyMismatch, $"The {what} of {province} is published by the agency of {province}; this one came from {Describe(call?.Caller)}.");
        }
    }

    /// <summary>
    /// DistributeZone: the province's agency published the zone, or the parent province's node hands down on its own a
    /// version its outbox still owed this city (it stored the version only after its agency published it; the relay
    /// rules let DistributeZone come only from the parent, acting for itself).
    /// </summary>
    public static void RequireZoneFromProvince(AuthenticatedCall? call, TopologyNode? parent)
    {
        if (parent is not null && call?.Caller is { Kind: IdentityKind.Node } node && node.Id == parent.Id && call.OriginNode == parent.Id)
        {
            return;
        }

        RequireProvinceAgency(call, parent?.Admdvs ?? string.Empty, "integration zone");
    }

    private static string Describe(CallerIdentity? caller) => caller?.ToString() ?? "no identified caller";

    private static AdjudicationException Denied(string reason, string message) => new(ErrorKind.PermissionDenied, reason, message);
}
