using Adjudication.Domain.Policy;

namespace Adjudication.Domain.Institutions;

/// <summary>A designated medical institution or pharmacy (定点医药机构) registered at its treatment node.</summary>
public sealed record Institution(string FixmedinsCode, string Name, string Admdvs, HospitalLevel Level, bool Designated);
