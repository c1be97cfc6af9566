namespace Adjudication.Storage.Contract;

/// <summary>Every reply of <c>reopen.lua</c>: the treatment city recording a cancel or reversal (DESIGN.md §3, §11).</summary>
public enum ReopenResult
{
    /// <summary><c>reopened</c>: the hospital-side record is cancelled now and its reversed ledger row is in the outbox.</summary>
    Reopened,

    /// <summary><c>already</c>: the record was cancelled before; nothing was booked again.</summary>
    AlreadyCancelled,

    /// <summary><c>norecord</c>: this city never recorded the settlement (its answer never came back here), so there is nothing to reverse.</summary>
    NoRecord,
}
