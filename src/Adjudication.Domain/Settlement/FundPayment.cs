using Adjudication.Domain.Policy;
using Adjudication.Domain.Units;

namespace Adjudication.Domain.Settlement;

/// <summary>
/// One paying layer of a settlement, the national <c>setldetail</c> row (DESIGN.md §4.2).
/// </summary>
/// <param name="FundPayType">The layer's national fund type (<c>fund_pay_type</c>).</param>
/// <param name="InScope">
/// The in-scope amount the layer was applied to (<c>inscp_scp_amt</c>): the settlement's in-scope amount less what the
/// layers before this one paid (§4.3: each layer on what the ones before it left).
/// </param>
/// <param name="PayableLimit">What the layer could still pay this year before this settlement (<c>crt_payb_lmt_amt</c>).</param>
/// <param name="Paid">What it paid (<c>fund_payamt</c>).</param>
public readonly record struct FundPayment(FundPayType FundPayType, Money InScope, Money PayableLimit, Money Paid);
