using Adjudication.Storage.Ledger;

namespace Adjudication.Storage.Clearing;

/// <summary>
/// One settlement, or the reversed row of its cancel or reversal, as clearing counts it (DESIGN.md §11): the hospital
/// ledger's row and the treatment division it was made in. The same row travels from the treatment city up to its
/// province and, across provinces, to the national node, and the insured city keeps its own copy from the person-side
/// commit; every aggregate books it once by <see cref="Id"/>.
/// </summary>
/// <param name="MdtrtareaAdmvs">就医地: the treatment city.</param>
/// <param name="Row">The row, with the insured division, setl_time and amounts (a reversed row's negated).</param>
public sealed record ClearingRow(string MdtrtareaAdmvs, LedgerRow Row)
{
    /// <summary>The row's id: setl_id and refund flag, unique in the network.</summary>
    public string Id => Row.Id;

    /// <summary>The clearing month, "yyyyMM": the China month of the row's setl_time (a reversed row's is its cancel's).</summary>
    public string Month => string.Concat(Row.SetlTime.AsSpan(0, 4), Row.SetlTime.AsSpan(5, 2));

    /// <summary>
    /// What the treatment region advanced to the hospital on the insured region's behalf, fen: the funds' payment and
    /// the personal account's (the account is the insured region's money too); the patient's cash is the hospital's own.
    /// </summary>
    public long Advanced => checked(Row.FundPaySumamt + Row.AcctPay);

    /// <summary>The row as one line: the treatment division, a TAB, then the ledger line.</summary>
    public string Line => MdtrtareaAdmvs + "\t" + LedgerLine.Format(Row);

    /// <summary>The row of a line <see cref="Line"/> wrote.</summary>
    public static ClearingRow Parse(string line)
    {
        var cut = line.IndexOf('\t', StringComparison.Ordinal);
        return cut != 6
            ? throw new InvalidDataException("a stored clearing row does not start with its 6-digit treatment division")
            : new ClearingRow(line[..cut], LedgerLine.Parse(line[(cut + 1)..]));
    }
}
