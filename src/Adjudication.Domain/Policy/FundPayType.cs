namespace Adjudication.Domain.Policy;

/// <summary>
/// The national fund type of a fund layer (基金支付类型, 表420; DESIGN.md §4.3). The value is the national code, so a
/// layer's <c>fund_pay_type</c> goes out as <c>(int)</c> of it. Codes not listed here are still valid layer types: a
/// policy row may carry any national code, and its payment is reported under <c>oth_pay</c>.
/// </summary>
public enum FundPayType
{
    /// <summary>Not given; never a valid layer.</summary>
    Unspecified = 0,

    /// <summary>310100 城镇职工基本医疗保险统筹基金: the employee pooled fund, <c>hifp_pay</c>.</summary>
    EmployeePool = 310100,

    /// <summary>310200 城镇职工基本医疗保险个人账户基金: the employee personal account (<c>acct_pay</c>, not a layer).</summary>
    EmployeeAccount = 310200,

    /// <summary>320100 公务员医疗补助基金: the civil-servant subsidy, <c>cvlserv_pay</c>.</summary>
    CivilServantSubsidy = 320100,

    /// <summary>330100 大额医疗费用补助基金: the employee large-amount fund, <c>hifob_pay</c>.</summary>
    LargeAmount = 330100,

    /// <summary>370100 企业补充医疗保险基金: enterprise supplementary insurance, <c>hifes_pay</c>.</summary>
    EnterpriseSupplementary = 370100,

    /// <summary>390100 城乡居民基本医疗保险基金: the resident pooled fund, <c>hifp_pay</c>.</summary>
    ResidentPool = 390100,

    /// <summary>390200 城乡居民大病医疗保险基金: resident critical illness insurance, <c>hifmi_pay</c>.</summary>
    CriticalIllness = 390200,

    /// <summary>610100 医疗救助基金: medical assistance, <c>maf_pay</c>.</summary>
    MedicalAssistance = 610100,
}
