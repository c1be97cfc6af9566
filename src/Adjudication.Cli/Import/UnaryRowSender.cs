using Grpc.Core;

namespace Adjudication.Cli.Import;

/// <summary>
/// A kind whose rows each are one unary call carrying the row's own msgid (institutions, accounts, policies, zones):
/// a re-run sends the same msgids, and the node answers each with the first answer (a replay) instead of acting twice.
/// The node's answer cannot tell a replay from a first call, so both count as applied. Rows of a batch go out
/// <see cref="Concurrency"/> at a time.
/// </summary>
internal abstract class UnaryRowSender<TRequest> : IRowSender
{
    private const int Concurrency = 16;

    /// <inheritdoc />
    public abstract string Kind { get; }

    /// <inheritdoc />
    public abstract bool IsJson { get; }

    /// <inheritdoc />
    public abstract IReadOnlyCollection<string> RequiredColumns { get; }

    /// <inheritdoc />
    public int BatchSize => 500;

    /// <inheritdoc />
    public async Task<IReadOnlyList<RowOutcome>> SendAsync(IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken)
    {
        var outcomes = new RowOutcome[rows.Count];
        await Parallel.ForAsync(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var row = rows[i];
            try
            {
                await CallAsync(Request(row), token).ConfigureAwait(false);
                outcomes[i] = new RowOutcome(row.Where, RowResult.Applied);
            }
            catch (RowRefusedException ex)
            {
                outcomes[i] = new RowOutcome(row.Where, RowResult.Refused, ex.Message);
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.AlreadyExists
                or StatusCode.PermissionDenied or StatusCode.NotFound)
            {
                // The node refused this row for what it says; other statuses (the node down, a lost answer) stop the import.
                outcomes[i] = new RowOutcome(row.Where, RowResult.Refused, ex.Status.Detail);
            }
        }).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>The row's request; <see cref="RowRefusedException"/> when a value does not read.</summary>
    protected abstract TRequest Request(ImportRow row);

    /// <summary>Sends one request.</summary>
    protected abstract Task CallAsync(TRequest request, CancellationToken cancellationToken);
}
