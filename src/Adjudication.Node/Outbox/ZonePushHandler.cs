using Adjudication.Domain.Errors;
using Adjudication.Node.Mapping;
using Adjudication.Node.Network;
using Adjudication.Storage;
using Adjudication.Storage.Outbox;
using Google.Protobuf;
using Grpc.Core;

namespace Adjudication.Node.Outbox;

/// <summary>
/// At a province: hands zone versions the outbox still owes a city (DESIGN.md §5, §6): those whose delivery failed at
/// publication, or was cut by a crash. A delivery that fails again stays for the next try; a city keeps the newest
/// version it holds, so a repeat changes nothing. An entry for a city no longer among this node's children is dropped;
/// a city that fails is not tried again in the same batch.
/// </summary>
internal sealed class ZonePushHandler(NetworkClient network, ILogger<ZonePushHandler> logger) : IOutboxHandler
{
    public string Kind => ZonePush.Kind;

    public async Task<IReadOnlyList<OutboxEntry>> ApplyAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        var done = new List<OutboxEntry>(entries.Count);
        var down = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var (admdvs, zone) = ZonePush.Read(entry);
            if (down.Contains(admdvs))
            {
                // A city that failed once in this batch is not waited on again (each try may take the relay timeout):
                // its other versions stay for the next try.
                continue;
            }

            var city = network.Router?.Children.FirstOrDefault(c => c.Admdvs == admdvs);
            if (city is null)
            {
                NetworkLog.ZoneDistributionDropped(logger, zone.Name, zone.Version, admdvs);
                done.Add(entry);
                continue;
            }

            try
            {
                await network.ForwardAsync(city, RawMethods.DistributeZone, PolicyMapping.ToProto(zone).ToByteArray(), city.Admdvs, null).ConfigureAwait(false);
                NetworkLog.ZoneDistributionDelivered(logger, zone.Name, zone.Version, city.Id);
                done.Add(entry);
            }
            catch (Exception ex) when (ex is RpcException or AdjudicationException)
            {
                NetworkLog.ZoneDistributionFailed(logger, zone.Name, zone.Version, city.Id, ex);
                down.Add(admdvs);
            }
        }

        return done;
    }
}
