namespace Adjudication.Domain.Policy;

/// <summary>医疗类别; the value is the national code (matches <c>adjudication.v1.MedType</c>).</summary>
public enum MedType
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>11 普通门诊.</summary>
    GeneralOutpatient = 11,

    /// <summary>12 门诊挂号.</summary>
    OutpatientRegistration = 12,

    /// <summary>13 急诊.</summary>
    Emergency = 13,

    /// <summary>14 门诊慢特病.</summary>
    ChronicSpecialOutpatient = 14,

    /// <summary>21 住院.</summary>
    Inpatient = 21,

    /// <summary>24 急诊转住院.</summary>
    EmergencyToInpatient = 24,

    /// <summary>41 定点药店购药.</summary>
    Pharmacy = 41,
}
