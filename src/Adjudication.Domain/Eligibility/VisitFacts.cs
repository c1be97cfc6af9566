using Adjudication.Domain.Policy;

namespace Adjudication.Domain.Eligibility;

/// <summary>The facts of a visit that eligibility depends on.</summary>
public readonly record struct VisitFacts(string TreatmentAdmdvs, DateOnly Date, MedType MedType, string ChronicDiseaseCode);
