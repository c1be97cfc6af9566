using Adjudication.Domain.Units;

namespace Adjudication.Domain.Policy;

/// <summary>The deductible for a med group, optionally per hospital level (null = any level).</summary>
public sealed record DeductibleRule(MedGroup Group, HospitalLevel? Level, Money Amount, DeductibleBasis Basis);
