namespace Adjudication.Domain.Policy;

/// <summary>
/// The named national output field a layer's payment is summed into (DESIGN.md §4.3: "the named output fields are sums
/// over the layers of their kind").
/// </summary>
public enum FundField
{
    /// <summary><c>hifp_pay</c>, the basic pooled fund.</summary>
    Basic,

    /// <summary><c>cvlserv_pay</c>, civil-servant subsidy.</summary>
    CivilServant,

    /// <summary><c>hifes_pay</c>, enterprise supplementary insurance.</summary>
    EnterpriseSupplementary,

    /// <summary><c>hifmi_pay</c>, resident critical illness.</summary>
    CriticalIllness,

    /// <summary><c>hifob_pay</c>, employee large-amount.</summary>
    LargeAmount,

    /// <summary><c>maf_pay</c>, medical assistance.</summary>
    Assistance,

    /// <summary><c>oth_pay</c>, any other fund.</summary>
    Other,
}
