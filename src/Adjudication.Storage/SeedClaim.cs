namespace Adjudication.Storage;

/// <summary>
/// The answer of <see cref="SeedMarker.ClaimAsync"/>: the outcome and, for a marker, what it records (who loaded the data
/// and when), or for a store that holds data, one of its keys.
/// </summary>
public readonly record struct SeedClaim(SeedClaimOutcome Outcome, string Detail);
