using Adjudication.Node.Network;
using Adjudication.Storage;
using Adjudication.Storage.Outbox;
using Grpc.Core;

namespace Adjudication.Node.Outbox;

/// <summary>
/// Pushes filing versions the outbox still owes their destination (DESIGN.md §3, §6): those whose push failed at write
/// time, or was cut by a crash. A push that fails again stays for the next try; caches ignore a version they hold.
/// </summary>
internal sealed class FilingPushHandler(NetworkClient network, ILogger<FilingPushHandler> logger) : IOutboxHandler
{
    public string Kind => FilingPush.Kind;

    public async Task<IReadOnlyList<OutboxEntry>> ApplyAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        var delivered = new List<OutboxEntry>(entries.Count);
        foreach (var entry in entries)
        {
            var filing = FilingPush.Read(entry);
            try
            {
                await FilingPropagation.PushAsync(network, filing, null).ConfigureAwait(false);
                NetworkLog.FilingPushDelivered(logger, filing.FilingId, filing.Version, filing.DestAdmdvs);
                delivered.Add(entry);
            }
            catch (Exception ex) when (ex is RpcException or Domain.Errors.AdjudicationException)
            {
                NetworkLog.FilingPushFailed(logger, filing.FilingId, filing.Version, filing.DestAdmdvs, ex);
            }
        }

        return delivered;
    }
}
