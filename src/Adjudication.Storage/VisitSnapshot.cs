using Adjudication.Domain.Classification;
using Adjudication.Domain.Visits;

namespace Adjudication.Storage;

/// <summary>
/// A visit at one version: header, status, item totals and how many classified fee lines they sum. The lines' results
/// stay in the store (the fee audit of the treatment city); the hospital got them with each upload (2204/2301).
/// </summary>
public sealed record VisitSnapshot(
    Visit Visit,
    VisitStatus Status,
    string Version,
    string SetlId,
    ItemTotals Totals,
    int LineCount)
{
    /// <summary>
    /// Whether this is a visit treated in another city, as that city summarized it for the insured city's settlement
    /// (DESIGN.md §3); the settle script writes its person-side copy together with the commit.
    /// </summary>
    public bool IsRemote => Version.Length == 0;

    /// <summary>An open visit treated in another city, with the totals of its classified fee lines.</summary>
    public static VisitSnapshot Remote(Visit visit, ItemTotals totals) => new(visit, VisitStatus.Open, string.Empty, string.Empty, totals, 0);
}
