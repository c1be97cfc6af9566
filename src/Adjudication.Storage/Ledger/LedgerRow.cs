namespace Adjudication.Storage.Ledger;

/// <summary>
/// One row of the hospital ledger at the treatment city (DESIGN.md §11): a settlement of an institution, or the
/// reversed row of its cancel or reversal (<c>refd_setl_flag</c> 1), with the amounts of the national 3201/3202 fields in
/// fen. A reversed row carries the settlement's amounts negated, as 2208 answers them, so a period's sums are what the
/// hospital was owed net.
/// </summary>
/// <param name="SetlId">结算ID of the settlement (a reversed row keeps the settlement's).</param>
/// <param name="MdtrtId">就诊ID.</param>
/// <param name="PsnNo">人员编号.</param>
/// <param name="InsuplcAdmdvs">The person's insured division.</param>
/// <param name="FixmedinsCode">The institution that settled.</param>
/// <param name="Msgid">The msgid of the call that made this row: the settle's, or the cancel's or reversal's (for 2601).</param>
/// <param name="SetlTime">"yyyy-MM-dd HH:mm:ss" China time: the settlement's, or the cancel's for a reversed row.</param>
/// <param name="Insutype">险种.</param>
/// <param name="ClrType">清算类别 (national tables 396 and 592).</param>
/// <param name="Refunded"><c>refd_setl_flag</c>: true for the reversed row of a cancel or reversal.</param>
/// <param name="MedfeeSumamt">医疗费总额.</param>
/// <param name="FundPaySumamt">基金支付总额.</param>
/// <param name="AcctPay">个人账户支出.</param>
/// <param name="PsnCashPay">个人现金支出.</param>
/// <param name="Funds">What each fund type paid (<c>fund_pay_type</c> → fen), the setldetail rows.</param>
public sealed record LedgerRow(
    string SetlId,
    string MdtrtId,
    string PsnNo,
    string InsuplcAdmdvs,
    string FixmedinsCode,
    string Msgid,
    string SetlTime,
    int Insutype,
    string ClrType,
    bool Refunded,
    long MedfeeSumamt,
    long FundPaySumamt,
    long AcctPay,
    long PsnCashPay,
    IReadOnlyList<FundAmount> Funds)
{
    /// <summary>The row's id in its day: the settlement id and the refund flag (a settlement books at most one of each).</summary>
    public string Id => SetlId + (Refunded ? ":1" : ":0");

    /// <summary>The China date of <see cref="SetlTime"/>, the day the row is booked under.</summary>
    public DateOnly Day => DateOnly.ParseExact(SetlTime.AsSpan(0, 10), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>This row as its reversal books it: the amounts negated, at <paramref name="time"/> by <paramref name="msgid"/>.</summary>
    public LedgerRow Reversed(string msgid, string time) => this with
    {
        Msgid = msgid,
        SetlTime = time,
        Refunded = true,
        MedfeeSumamt = -MedfeeSumamt,
        FundPaySumamt = -FundPaySumamt,
        AcctPay = -AcctPay,
        PsnCashPay = -PsnCashPay,
        Funds = [.. Funds.Select(f => f with { Fen = -f.Fen })],
    };
}
