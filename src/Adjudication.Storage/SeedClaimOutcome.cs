namespace Adjudication.Storage;

/// <summary>
/// What <see cref="SeedMarker.ClaimAsync"/> found. Initial data that is loaded idempotently (through the node's API under
/// fixed msgids) may go into a <see cref="Claimed"/> store and again into an <see cref="AlreadySeeded"/> one, never into
/// one that <see cref="HoldsData"/>.
/// </summary>
public enum SeedClaimOutcome
{
    /// <summary>The store held nothing under the prefix and this caller set the marker: it loads the data.</summary>
    Claimed,

    /// <summary>The marker was already set: the data was loaded before (the detail says by whom and when), or its load began.</summary>
    AlreadySeeded,

    /// <summary>No marker, but keys under the prefix exist (data loaded otherwise, or by an older version): nothing may be loaded.</summary>
    HoldsData,
}
