namespace Adjudication.Domain.Eligibility;

/// <summary>A filing is active until revoked; revoked versions are kept as history.</summary>
public enum FilingStatus
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>In force (within its dates).</summary>
    Active = 1,

    /// <summary>Revoked; a new filing is needed.</summary>
    Revoked = 2,
}
