namespace Adjudication.Domain.Policy;

/// <summary>Facts about <see cref="MedType"/> codes used by the rules.</summary>
public static class MedTypes
{
    /// <summary>Whether the code is one this service settles.</summary>
    public static bool IsDefined(MedType type) => type is MedType.GeneralOutpatient or MedType.OutpatientRegistration
        or MedType.Emergency or MedType.ChronicSpecialOutpatient or MedType.Inpatient
        or MedType.EmergencyToInpatient or MedType.Pharmacy;

    /// <summary>The ratio group (DESIGN.md §4.2 step 2).</summary>
    public static MedGroup GroupOf(MedType type) => type switch
    {
        MedType.GeneralOutpatient or MedType.OutpatientRegistration or MedType.Emergency => MedGroup.Outpatient,
        MedType.ChronicSpecialOutpatient => MedGroup.ChronicOutpatient,
        MedType.Inpatient or MedType.EmergencyToInpatient => MedGroup.Inpatient,
        MedType.Pharmacy => MedGroup.Pharmacy,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a settled med_type"),
    };

    /// <summary>Emergency visits settle as filed (DESIGN.md §4.2 step 1).</summary>
    public static bool IsEmergency(MedType type) => type is MedType.Emergency or MedType.EmergencyToInpatient;
}
