using Adjudication.Domain.Errors;
using Adjudication.Node.Validation;
using Adjudication.Storage;

namespace Adjudication.Node.Settlement;

/// <summary>
/// The one place that loads a visit for an institution's call and checks that the visit is the caller's (DESIGN.md §8:
/// a visit can be touched only by the institution that registered it). A <see cref="ValueTask{TResult}"/>: a visit in the
/// near cache is found without allocating a task on the settle path.
/// </summary>
internal static class VisitOwnership
{
    /// <summary>The visit, refused NOT_FOUND when unknown and PERMISSION_DENIED when another institution registered it.</summary>
    /// <param name="visits">The visit store.</param>
    /// <param name="insuplc">The person's insured division.</param>
    /// <param name="psnNo">The person.</param>
    /// <param name="mdtrtId">The visit.</param>
    /// <param name="fixmedinsCode">The calling institution.</param>
    /// <param name="action">What the caller wants to do with the visit, for the refusal ("settle", "discharge").</param>
    public static async ValueTask<VisitSnapshot> GetOwnedAsync(this VisitStore visits, string insuplc, string psnNo, string mdtrtId, string fixmedinsCode, string action)
    {
        var visit = await visits.GetAsync(insuplc, psnNo, mdtrtId).ConfigureAwait(false) ?? throw NotRegistered(mdtrtId, psnNo);
        return visit.Visit.FixmedinsCode == fixmedinsCode
            ? visit
            : throw Refusals.PermissionDenied(Reasons.InstitutionMismatch, $"Visit {mdtrtId} belongs to another institution; only the institution that registered it may {action} it.");
    }

    /// <summary>The refusal for a visit this node does not know.</summary>
    public static AdjudicationException NotRegistered(string mdtrtId, string psnNo) =>
        Refusals.NotFound(Reasons.VisitNotFound, $"Visit {mdtrtId} of person {psnNo} is not registered here; register it (2201/2401) first.");
}
