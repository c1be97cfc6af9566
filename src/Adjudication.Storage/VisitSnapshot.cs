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
    IReadOnlyDictionary<string, byte[]> Lines);
