using Adjudication.Domain.Units;

namespace Adjudication.Domain.Classification;

/// <summary>
/// Sums of the item-level results over a visit's lines:
/// <c>medfee_sumamt = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt</c> (DESIGN.md §4.1).
/// </summary>
public readonly record struct ItemTotals(Money MedFeeSum, Money FullOwnPay, Money OverLimit, Money PreSelfPay, Money InScope)
{
    /// <summary>Adds one classified line.</summary>
    public ItemTotals Add(in ClassifiedLine line) => new(
        MedFeeSum + line.Amount,
        FullOwnPay + line.FullOwnPay,
        OverLimit + line.OverLimit,
        PreSelfPay + line.PreSelfPay,
        InScope + line.InScope);
}
