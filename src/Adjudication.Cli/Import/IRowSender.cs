namespace Adjudication.Cli.Import;

/// <summary>
/// Sends one kind of reference data to a node, a batch of rows at a time, and says what became of each row. A row the
/// sender cannot even read (a bad date, an unknown code) is refused here, with the reason, and not sent.
/// </summary>
internal interface IRowSender
{
    /// <summary>The kind's name on the command line: persons, institutions, accounts, policies or zones.</summary>
    string Kind { get; }

    /// <summary>Whether the file is CSV (row kinds) or a JSON array (policies and zones).</summary>
    bool IsJson { get; }

    /// <summary>The CSV columns the header must name (empty for JSON kinds).</summary>
    IReadOnlyCollection<string> RequiredColumns { get; }

    /// <summary>Rows per call to <see cref="SendAsync"/>.</summary>
    int BatchSize { get; }

    /// <summary>Sends <paramref name="rows"/> and returns one outcome per row, in order.</summary>
    Task<IReadOnlyList<RowOutcome>> SendAsync(IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken);
}
