namespace Adjudication.Storage.Clearing;

/// <summary>
/// A declaration of one month and pair of regions (DESIGN.md §11): its status (declared, confirmed, paid; empty when
/// not declared), the totals frozen when it was declared, and when and by whom each step was taken.
/// </summary>
public sealed record ClearingDeclaration(ClearingPair Pair, string Status, ClearingTotals Declared, IReadOnlyDictionary<string, string> Steps)
{
    /// <summary>Whether the pair was declared.</summary>
    public bool IsDeclared => Status.Length > 0;
}
