namespace Adjudication.Domain.Policy;

/// <summary>人员类别 as far as ratios distinguish them (matches <c>adjudication.v1.PersonType</c>).</summary>
public enum PersonType
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>在职职工.</summary>
    EmployeeInService = 1,

    /// <summary>退休人员.</summary>
    Retiree = 2,

    /// <summary>成年居民.</summary>
    ResidentAdult = 3,

    /// <summary>未成年居民 / 学生儿童.</summary>
    ResidentMinor = 4,
}
