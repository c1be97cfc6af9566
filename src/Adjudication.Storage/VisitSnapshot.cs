using Adjudication.Domain.Classification;
using Adjudication.Domain.Visits;

namespace Adjudication.Storage;

/// <summary>A visit at one version: header, status, item totals and the classified lines (opaque result bytes by feedetl_sn).</summary>
public sealed record VisitSnapshot(
    Visit Visit,
    VisitStatus Status,
    string Version,
    string SetlId,
    ItemTotals Totals,
    IReadOnlyDictionary<string, byte[]> Lines)
{
    private static readonly IReadOnlyDictionary<string, byte[]> NoLines = new Dictionary<string, byte[]>();

    /// <summary>
    /// Whether this is a visit treated in another city, as that city summarized it for the insured city's settlement
    /// (DESIGN.md §3); the settle script writes its person-side copy together with the commit.
    /// </summary>
    public bool IsRemote => Version.Length == 0;

    /// <summary>An open visit treated in another city, with the totals of its classified fee lines.</summary>
    public static VisitSnapshot Remote(Visit visit, ItemTotals totals) => new(visit, VisitStatus.Open, string.Empty, string.Empty, totals, NoLines);
}
