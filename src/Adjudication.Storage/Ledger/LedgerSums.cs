namespace Adjudication.Storage.Ledger;

/// <summary>Counts and sums of ledger rows (DESIGN.md §11), in fen; reversed rows count once each and add their negated amounts.</summary>
public sealed record LedgerSums(long Count, long MedfeeSumamt, long FundPaySumamt, long AcctPay, long PsnCashPay, IReadOnlyDictionary<int, long> Funds)
{
    /// <summary>No rows.</summary>
    public static LedgerSums Zero { get; } = new(0, 0, 0, 0, 0, new Dictionary<int, long>());

    /// <summary>These sums and <paramref name="other"/>'s.</summary>
    public LedgerSums Plus(LedgerSums other)
    {
        var funds = new Dictionary<int, long>(Funds);
        foreach (var (type, fen) in other.Funds)
        {
            funds[type] = checked(funds.GetValueOrDefault(type) + fen);
        }

        return new LedgerSums(
            checked(Count + other.Count),
            checked(MedfeeSumamt + other.MedfeeSumamt),
            checked(FundPaySumamt + other.FundPaySumamt),
            checked(AcctPay + other.AcctPay),
            checked(PsnCashPay + other.PsnCashPay),
            funds);
    }
}
