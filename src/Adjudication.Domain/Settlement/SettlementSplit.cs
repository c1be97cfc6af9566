using Adjudication.Domain.Units;

namespace Adjudication.Domain.Settlement;

/// <summary>
/// The split of one settlement, named after the national interface fields (DESIGN.md §4).
/// Identities: <c>FundPaySum = BasicFund + LargeAmount + CriticalIllness + Assistance</c>,
/// <c>PersonalPart = MedFeeSum − FundPaySum</c>, <c>CashPay = PersonalPart − AccountPay</c>.
/// </summary>
public readonly record struct SettlementSplit(
    Money MedFeeSum,
    Money FullOwnPay,
    Money OverLimit,
    Money PreSelfPay,
    Money InScope,
    Money Deductible,
    Money BasicFund,
    Money PoolSelfPay,
    Money LargeAmount,
    Money CriticalIllness,
    Money Assistance,
    Money FundPaySum,
    Money PersonalPart,
    Money AccountPay,
    Money CashPay,
    Money BalanceAfter,
    int BasicRatioBp);
