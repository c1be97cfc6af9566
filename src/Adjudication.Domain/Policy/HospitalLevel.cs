namespace Adjudication.Domain.Policy;

/// <summary>医院等级 (matches <c>adjudication.v1.HospitalLevel</c>).</summary>
public enum HospitalLevel
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>一级.</summary>
    Primary = 1,

    /// <summary>二级.</summary>
    Secondary = 2,

    /// <summary>三级.</summary>
    Tertiary = 3,

    /// <summary>Pharmacies and unrated clinics.</summary>
    Unrated = 9,
}
