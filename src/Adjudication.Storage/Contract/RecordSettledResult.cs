namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>record_settled.lua</c>: the treatment city's record of a settlement (DESIGN.md §3).</summary>
public enum RecordSettledResult
{
    /// <summary><c>recorded</c>: the visit is marked settled and the hospital-side record written.</summary>
    Recorded,

    /// <summary><c>already</c>: the visit already holds this settlement; nothing changed.</summary>
    AlreadyRecorded,
}
