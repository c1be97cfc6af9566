namespace Adjudication.Storage;

/// <summary>What <see cref="SeedMarker.ClaimAsync"/> found; only <see cref="Claimed"/> lets initial data be written.</summary>
public enum SeedClaimOutcome
{
    /// <summary>The store held nothing under the prefix and this caller set the marker: it loads the data.</summary>
    Claimed,

    /// <summary>The marker was already set: the data was loaded before (the detail says by whom and when).</summary>
    AlreadySeeded,

    /// <summary>No marker, but keys under the prefix exist (data loaded otherwise, or by an older version): nothing is written.</summary>
    HoldsData,
}
