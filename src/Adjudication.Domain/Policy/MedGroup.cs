namespace Adjudication.Domain.Policy;

/// <summary>The groups of <see cref="MedType"/> that policy ratios distinguish (DESIGN.md §4.2 step 2).</summary>
public enum MedGroup
{
    /// <summary>11, 12, 13.</summary>
    Outpatient = 1,

    /// <summary>14.</summary>
    ChronicOutpatient = 2,

    /// <summary>21-24.</summary>
    Inpatient = 3,

    /// <summary>41.</summary>
    Pharmacy = 4,
}
