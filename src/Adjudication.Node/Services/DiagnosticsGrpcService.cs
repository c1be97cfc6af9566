using Adjudication.Contracts.V1;
using Adjudication.Node.Errors;
using Adjudication.Node.Hosting;
using Adjudication.Node.Outbox;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Adjudication.Node.Services;

/// <summary>An empty unary call, the baseline for performance ratios (DESIGN.md §10), the process counters a load run reads, and the outbox backlog (§6).</summary>
// Bound through UnreadableRequests: a body that is not this service's message is INVALID_ARGUMENT, not UNKNOWN.
[BindServiceMethod(typeof(UnreadableRequests), nameof(UnreadableRequests.BindService))]
internal sealed class DiagnosticsGrpcService(IOptions<NodeOptions> options, OutboxWorker outbox) : DiagnosticsService.DiagnosticsServiceBase
{
    private readonly PingResponse _pong = new() { Admdvs = options.Value.Admdvs };

    public override Task<PingResponse> Ping(PingRequest request, ServerCallContext context) => Task.FromResult(_pong);

    public override Task<ReadCountersResponse> ReadCounters(ReadCountersRequest request, ServerCallContext context) => Task.FromResult(new ReadCountersResponse
    {
        AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true),
        Gen0Collections = GC.CollectionCount(0),
        Gen1Collections = GC.CollectionCount(1),
        Gen2Collections = GC.CollectionCount(2),
        CpuTimeMicros = (long)Environment.CpuUsage.TotalTime.TotalMicroseconds,
        GcPauseMicros = (long)GC.GetTotalPauseDuration().TotalMicroseconds,
    });

    public override async Task<ReadOutboxResponse> ReadOutbox(ReadOutboxRequest request, ServerCallContext context)
    {
        var (entries, slots) = request.ApplyFirst ? await outbox.ApplyAllAsync().ConfigureAwait(false) : await outbox.SweepAsync().ConfigureAwait(false);
        return new ReadOutboxResponse { Backlog = entries, PendingSlots = slots, Applied = outbox.Applied };
    }
}
