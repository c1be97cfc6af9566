using Adjudication.Domain.Units;

namespace Adjudication.Domain.Settlement;

/// <summary>
/// The split of one settlement, named after the national interface fields (DESIGN.md §4). The fund fields are sums over
/// the paying layers of their kind (§4.3), listed one by one in <see cref="Payments"/> (the national <c>setldetail</c>).
/// Identities: <c>FundPaySum</c> = the sum of the fund fields = the sum of <see cref="Payments"/>;
/// <c>MedFeeSum = FundPaySum + PersonalPart + HospitalPart</c>; <c>CashPay = PersonalPart − AccountPay</c>.
/// </summary>
/// <param name="MedFeeSum"><c>medfee_sumamt</c>.</param>
/// <param name="FullOwnPay"><c>fulamt_ownpay_amt</c>.</param>
/// <param name="OverLimit"><c>overlmt_selfpay</c>.</param>
/// <param name="PreSelfPay"><c>preselfpay_amt</c>.</param>
/// <param name="InScope"><c>inscp_scp_amt</c>.</param>
/// <param name="Deductible"><c>act_pay_dedc</c>.</param>
/// <param name="BasicFund"><c>hifp_pay</c>.</param>
/// <param name="CivilServant"><c>cvlserv_pay</c>.</param>
/// <param name="EnterpriseSupplementary"><c>hifes_pay</c>.</param>
/// <param name="CriticalIllness"><c>hifmi_pay</c>.</param>
/// <param name="LargeAmount"><c>hifob_pay</c>.</param>
/// <param name="Assistance"><c>maf_pay</c>.</param>
/// <param name="Other"><c>oth_pay</c>.</param>
/// <param name="FundPaySum"><c>fund_pay_sumamt</c>.</param>
/// <param name="PersonalPart"><c>psn_part_amt</c>.</param>
/// <param name="AccountPay"><c>acct_pay</c>.</param>
/// <param name="CashPay"><c>psn_cash_pay</c>.</param>
/// <param name="HospitalPart"><c>hosp_part_amt</c>: 0 until a policy has a hospital share.</param>
/// <param name="BalanceAfter"><c>balc</c>.</param>
/// <param name="BasicRatioBp">R, the basic fund's ratio after reductions (<c>pool_prop_selfpay</c>, §4.2).</param>
/// <param name="Payments">One row per layer that paid, in policy order.</param>
public readonly record struct SettlementSplit(
    Money MedFeeSum,
    Money FullOwnPay,
    Money OverLimit,
    Money PreSelfPay,
    Money InScope,
    Money Deductible,
    Money BasicFund,
    Money CivilServant,
    Money EnterpriseSupplementary,
    Money CriticalIllness,
    Money LargeAmount,
    Money Assistance,
    Money Other,
    Money FundPaySum,
    Money PersonalPart,
    Money AccountPay,
    Money CashPay,
    Money HospitalPart,
    Money BalanceAfter,
    int BasicRatioBp,
    IReadOnlyList<FundPayment> Payments);
