namespace Adjudication.Domain.Policy;

/// <summary>
/// The basic-fund ratio for a med group, optionally narrowed by hospital level and person type (null = any).
/// The most specific matching rule wins (DESIGN.md §4.2 step 2, ratio(insutype, group, level, person type)).
/// </summary>
public sealed record RatioRule(MedGroup Group, HospitalLevel? Level, PersonType? PersonType, int RatioBp);
