using Grpc.Core;

namespace Adjudication.Cli.Import;

/// <summary>
/// A kind whose rows each are one unary call carrying the row's own msgid (institutions, accounts, policies, zones):
/// a re-run sends the same msgids, and the node answers each with the first answer (a replay) instead of acting twice.
/// The node's answer cannot tell a replay from a first call, so both count as applied. Rows about the same thing
/// (<see cref="KeyOf"/>: a person's account, an institution, a city's policy, a zone) go out one after another in
/// file order, since their order decides the result (a credit before an adjustment; the later of two versions);
/// rows about different things go out <see cref="Concurrency"/> at a time.
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
        var requests = new List<(int Index, TRequest Request)>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            try
            {
                requests.Add((i, Request(rows[i])));
            }
            catch (RowRefusedException ex)
            {
                outcomes[i] = new RowOutcome(rows[i].Where, RowResult.Refused, ex.Message);
            }
        }

        var sequences = requests.GroupBy(r => KeyOf(r.Request), StringComparer.Ordinal);
        await Parallel.ForEachAsync(sequences, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (sequence, token) =>
        {
            foreach (var (index, request) in sequence)
            {
                outcomes[index] = await SendOneAsync(rows[index], request, token).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>What the row is about: rows with the same key are sent in file order, one after another.</summary>
    protected abstract string KeyOf(TRequest request);

    /// <summary>The row's request; <see cref="RowRefusedException"/> when a value does not read.</summary>
    protected abstract TRequest Request(ImportRow row);

    /// <summary>Sends one request.</summary>
    protected abstract Task CallAsync(TRequest request, CancellationToken cancellationToken);

    private async Task<RowOutcome> SendOneAsync(ImportRow row, TRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(request, cancellationToken).ConfigureAwait(false);
            return new RowOutcome(row.Where, RowResult.Applied);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.AlreadyExists
            or StatusCode.PermissionDenied or StatusCode.NotFound)
        {
            // The node refused this row for what it says; other statuses (the node down, a lost answer) stop the import.
            return new RowOutcome(row.Where, RowResult.Refused, ex.Status.Detail);
        }
    }
}
