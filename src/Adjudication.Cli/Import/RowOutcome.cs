namespace Adjudication.Cli.Import;

/// <summary>What the node did with one row.</summary>
internal enum RowResult
{
    /// <summary>The row changed the node's data (enrolled, credited, designated, published).</summary>
    Applied,

    /// <summary>The node already held exactly this (a re-run of the same file).</summary>
    Unchanged,

    /// <summary>The node (or the file's own check) refused the row; <see cref="RowOutcome.Reason"/> says why.</summary>
    Refused,
}

/// <summary>The outcome of one row, named by where it is in the file.</summary>
internal sealed record RowOutcome(string Where, RowResult Result, string Reason = "");
