using Adjudication.Contracts.V1;
using Adjudication.Node.Hosting;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Adjudication.Node.Services;

/// <summary>An empty unary call, the baseline for performance ratios (DESIGN.md §10), and the process counters a load run reads.</summary>
internal sealed class DiagnosticsGrpcService(IOptions<NodeOptions> options) : DiagnosticsService.DiagnosticsServiceBase
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
}
