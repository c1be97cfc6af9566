using System.Threading.Channels;
using Adjudication.Contracts.V1;
using Adjudication.Node.Mapping;
using Adjudication.Node.Telemetry;
using DomainFiling = Adjudication.Domain.Eligibility.Filing;

namespace Adjudication.Node.Network;

/// <summary>
/// Pushes that could not get through at write time, retried with growing pauses (1 s doubling to 1 min) until the
/// destination takes them. The filing itself is already stored at the insured city, so a lost retry only delays the
/// copy: the treatment city asks along the route when its cache misses.
/// </summary>
internal sealed class FilingPushRetries(NetworkClient network, NodeMetrics metrics, ILogger<FilingPushRetries> logger) : BackgroundService
{
    private readonly Channel<DomainFiling> _pending = Channel.CreateUnbounded<DomainFiling>();

    public void Enqueue(DomainFiling filing)
    {
        if (_pending.Writer.TryWrite(filing))
        {
            metrics.PendingPushes(1);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var filing in _pending.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            var pause = TimeSpan.FromSeconds(1);
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(pause, stoppingToken).ConfigureAwait(false);
                try
                {
                    await network.SendAsync(RawMethods.PushFiling, filing.DestAdmdvs, ProtoMapping.ToProto(filing), PushFilingResponse.Parser, null).ConfigureAwait(false);
                    NetworkLog.FilingPushDelivered(logger, filing.FilingId, filing.Version, filing.DestAdmdvs);
                    metrics.PendingPushes(-1);
                    break;
                }
                catch (Exception ex) when (ex is Grpc.Core.RpcException or Domain.Errors.AdjudicationException)
                {
                    NetworkLog.FilingPushFailed(logger, filing.FilingId, filing.Version, filing.DestAdmdvs, ex);
                    pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
                }
            }
        }
    }
}
