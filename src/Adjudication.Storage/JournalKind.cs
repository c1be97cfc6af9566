namespace Adjudication.Storage;

/// <summary>What moved a personal account through its agency (DESIGN.md §12).</summary>
public enum JournalKind
{
    /// <summary>A credit, e.g. the yearly transfer (个人账户划入).</summary>
    Credit,

    /// <summary>An adjustment up or down, with a reason (个人账户调整).</summary>
    Adjustment,
}
