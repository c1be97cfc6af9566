namespace Adjudication.Domain.Visits;

/// <summary>Where a visit is in its life: open for fees, or settled (a cancel opens it again).</summary>
public enum VisitStatus
{
    /// <summary>Fees may be uploaded and the visit settled.</summary>
    Open = 1,

    /// <summary>A settlement is committed; cancel it to change the bill.</summary>
    Settled = 2,
}
