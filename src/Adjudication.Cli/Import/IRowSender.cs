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

    /// <summary>
    /// Batches sent before the earliest of them is answered: 1 (the default) sends one at a time; more lets the node
    /// work on one while the next is read and sent, for batches <see cref="Independent"/> of each other.
    /// </summary>
    int BatchesInFlight => 1;

    /// <summary>
    /// Whether <paramref name="later"/> may be sent before <paramref name="earlier"/> is answered: no row of one is about
    /// anything a row of the other is about, so the order they are applied in cannot change the result.
    /// </summary>
    bool Independent(IReadOnlyList<ImportRow> earlier, IReadOnlyList<ImportRow> later) => false;

    /// <summary>Sends <paramref name="rows"/> and returns one outcome per row, in order.</summary>
    Task<IReadOnlyList<RowOutcome>> SendAsync(IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken);
}
