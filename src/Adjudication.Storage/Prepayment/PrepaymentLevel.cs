namespace Adjudication.Storage.Prepayment;

/// <summary>The warning level of a prepayment's usage (DESIGN.md §11).</summary>
public enum PrepaymentLevel
{
    /// <summary>Under 70%.</summary>
    Green,

    /// <summary>From 70%: a yellow warning.</summary>
    Yellow,

    /// <summary>From 90%, or anything outstanding without a prepayment: a red warning, an emergency top-up open.</summary>
    Red,
}
