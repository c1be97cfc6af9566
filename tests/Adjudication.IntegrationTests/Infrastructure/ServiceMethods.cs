using Adjudication.Contracts.V1;
using Adjudication.Contracts.V1.Policies;
using Adjudication.Node.Security;
using Google.Protobuf.Reflection;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// Every method of the public services and of NetworkService, from the generated descriptors (so a method added to a
/// .proto file is here without a change), with the caller the access rules let in (DESIGN.md §8), and a way to send
/// it any bytes as its request.
/// </summary>
public static class ServiceMethods
{
    private static readonly Marshaller<byte[]> PassThrough = Marshallers.Create(static b => b, static b => b);

    /// <summary>The methods of the public services and of NetworkService.</summary>
    public static MethodDescriptor[] All() =>
    [
        .. SettlementService.Descriptor.Methods,
        .. ReconciliationService.Descriptor.Methods,
        .. FilingService.Descriptor.Methods,
        .. ReferenceDataService.Descriptor.Methods,
        .. CatalogService.Descriptor.Methods,
        .. DiagnosticsService.Descriptor.Methods,
        .. PolicyService.Descriptor.Methods,
        .. NetworkService.Descriptor.Methods,
        .. ClearingService.Descriptor.Methods,
        .. PrepaymentService.Descriptor.Methods,
    ];

    /// <summary>
    /// Who may call each method: Taiyuan's hospital and agency (filings, reference data and its policies), Shanxi's agency
    /// for publishing catalogs and zones, an operator for the counters, Shanxi (Taiyuan's parent) relaying for
    /// Jinzhong or for its own agency on NetworkService, Taiyuan handing clearing rows up to Shanxi, and the agencies of
    /// Beijing and Shanxi at the national node for clearing and prepayment.
    /// </summary>
    public static (TestNode Node, CallerIdentity Caller, Metadata? Headers) AllowedCaller(TestNetwork network, MethodDescriptor method) =>
        (method.Service.Name, method.Name) switch
        {
            ("SettlementService" or "ReconciliationService", _) => (network[Taiyuan], CallerIdentity.Institution(TaiyuanHospital), null),
            ("FilingService", _) => (network[Taiyuan], TerminalInvoker.AgencyOf(World.City), null),
            ("ReferenceDataService", _) => (network[Taiyuan], TerminalInvoker.AgencyOf(World.City), null),
            ("CatalogService", "PublishCatalog") => (network[Shanxi], TerminalInvoker.AgencyOf("140000"), null),
            ("CatalogService", _) => (network[Taiyuan], CallerIdentity.Institution(TaiyuanHospital), null),
            ("DiagnosticsService", _) => (network[Taiyuan], CallerIdentity.Operator("tester"), null),
            ("PolicyService", "PublishZone" or "ListZones") => (network[Shanxi], TerminalInvoker.AgencyOf("140000"), null),
            ("PolicyService", _) => (network[Taiyuan], TerminalInvoker.AgencyOf(World.City), null),
            ("ClearingService", _) => (network[National], TerminalInvoker.AgencyOf("110000"), null),
            ("PrepaymentService", "GetPrepayment") => (network[National], CallerIdentity.Operator("tester"), null),
            ("PrepaymentService", _) => (network[National], TerminalInvoker.AgencyOf("140000"), null),
            (_, "BookClearing") => (network[Shanxi], CallerIdentity.Node(Taiyuan), RelayHeaders("140000", origin: Taiyuan, CallerIdentity.Node(Taiyuan))),
            (_, "ListInsuredRecords") => (network[Taiyuan], CallerIdentity.Node(Shanxi), RelayHeaders(World.City, origin: Shanxi, TerminalInvoker.AgencyOf("140100"))),
            (_, "DistributeCatalog" or "DistributeZone") => (network[Taiyuan], CallerIdentity.Node(Shanxi), RelayHeaders(World.City, origin: Shanxi, TerminalInvoker.AgencyOf("140000"))),
            (_, "PushFiling" or "FetchFilings") => (network[Taiyuan], CallerIdentity.Node(Shanxi), RelayHeaders(World.City, origin: Jinzhong)),
            _ => (network[Taiyuan], CallerIdentity.Node(Shanxi), RelayHeaders(World.City, origin: Jinzhong, CallerIdentity.Institution(JinzhongHospital))),
        };

    /// <summary>Sends <paramref name="body"/> as it is (framed as gRPC) to <paramref name="method"/> at <paramref name="node"/>, as <paramref name="caller"/>.</summary>
    public static async Task SendRawAsync(TestNode node, CallerIdentity caller, Metadata? headers, MethodDescriptor method, byte[] body, TimeSpan deadline)
    {
        var type = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (true, true) => MethodType.DuplexStreaming,
            (false, true) => MethodType.ServerStreaming,
            _ => MethodType.Unary,
        };
        var raw = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, PassThrough, PassThrough);
        var invoker = node.As(caller).CreateCallInvoker();
        var options = new CallOptions(headers, DateTime.UtcNow + deadline);
        if (type == MethodType.DuplexStreaming)
        {
            // The body is the one message of the stream. A refusal may end the call before the write does; the write's
            // own failure then says only CANCELLED, so the exchange reports the server's status instead, as clients do.
            await invoker.AsyncDuplexStreamingCall(raw, null, options).ExchangeAsync([body]);
        }
        else if (type == MethodType.ServerStreaming)
        {
            using var stream = invoker.AsyncServerStreamingCall(raw, null, options, body);
            while (await stream.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }
        else
        {
            using var call = invoker.AsyncUnaryCall(raw, null, options, body);
            await call.ResponseAsync;
        }
    }
}
