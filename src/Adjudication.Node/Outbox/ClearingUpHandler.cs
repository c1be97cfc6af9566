using Adjudication.Node.Clearing;
using Adjudication.Storage.Clearing;
using Adjudication.Storage.Outbox;
using Grpc.Core;

namespace Adjudication.Node.Outbox;

/// <summary>
/// Hands clearing rows to the parent node (DESIGN.md §11), in calls of <see cref="ClearingFlow.RowsPerCall"/>. Entries
/// of a call the parent answered are applied; the rest stay for the next try, and the parent books a row sent twice once.
/// </summary>
internal sealed class ClearingUpHandler(ClearingFlow flow, ILogger<ClearingUpHandler> logger) : IOutboxHandler
{
    public string Kind => ClearingFeed.UpKind;

    public async Task<IReadOnlyList<OutboxEntry>> ApplyAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        var applied = new List<OutboxEntry>(entries.Count);
        foreach (var chunk in entries.Chunk(ClearingFlow.RowsPerCall))
        {
            try
            {
                await flow.SendUpAsync([.. chunk.Select(ClearingFeed.Read)]).ConfigureAwait(false);
                applied.AddRange(chunk);
            }
            catch (Exception ex) when (ex is RpcException or Domain.Errors.AdjudicationException)
            {
                if (Unavailable(ex))
                {
                    // A parent that is down (or stopping) is expected; its address and reason say all a stack trace would.
                    ClearingLog.SendUpWaiting(logger, entries.Count - applied.Count, flow.Parent?.Id ?? "(none)", ex.Message);
                }
                else
                {
                    ClearingLog.SendUpFailed(logger, entries.Count - applied.Count, flow.Parent?.Id ?? "(none)", ex);
                }

                break;
            }
        }

        return applied;
    }

    private static bool Unavailable(Exception ex) =>
        ex is RpcException { StatusCode: StatusCode.Unavailable } or Domain.Errors.AdjudicationException { Kind: Domain.Errors.ErrorKind.Unavailable };
}
