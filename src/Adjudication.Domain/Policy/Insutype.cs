namespace Adjudication.Domain.Policy;

/// <summary>险种; the value is the national code (matches <c>adjudication.v1.Insutype</c>).</summary>
public enum Insutype
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>310 职工基本医疗保险.</summary>
    EmployeeBasic = 310,

    /// <summary>320 公务员医疗补助.</summary>
    CivilServantSubsidy = 320,

    /// <summary>330 大额医疗费用补助.</summary>
    LargeAmountSubsidy = 330,

    /// <summary>390 城乡居民基本医疗保险.</summary>
    ResidentBasic = 390,

    /// <summary>392 城乡居民大病医疗保险.</summary>
    ResidentCriticalIllness = 392,

    /// <summary>510 生育保险.</summary>
    Maternity = 510,
}
