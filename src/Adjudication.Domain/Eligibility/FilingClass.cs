namespace Adjudication.Domain.Eligibility;

/// <summary>备案类别 (DESIGN.md §5); values match <c>adjudication.v1.FilingClass</c>.</summary>
public enum FilingClass
{
    /// <summary>No filing was needed (a local visit or an integration zone).</summary>
    None = 0,

    /// <summary>异地安置退休人员 (long-term).</summary>
    RelocatedRetiree = 1,

    /// <summary>异地长期居住人员 (long-term).</summary>
    LongTermResident = 2,

    /// <summary>常驻异地工作人员 (long-term).</summary>
    StationedWorker = 3,

    /// <summary>异地转诊人员 (temporary).</summary>
    Referral = 4,

    /// <summary>异地急诊抢救人员 (temporary; emergency visits are treated as filed in this class).</summary>
    Emergency = 5,

    /// <summary>其他临时外出就医人员 (temporary).</summary>
    OtherTemporary = 6,

    /// <summary>门诊慢特病: names a disease, not a destination.</summary>
    ChronicDisease = 7,
}
