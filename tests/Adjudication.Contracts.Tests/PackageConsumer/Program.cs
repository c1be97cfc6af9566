// Uses the packed contracts as a client application would: messages, a client over a GrpcChannel, rich error details,
// and a server base class, with nothing from ASP.NET Core. Prints one "name: value" line per check for the test.
using System.Net;
using System.Net.Sockets;
using Adjudication.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

var request = new SettleRequest { Msgid = "H14010100001202612020001", FixmedinsCode = "H14010100001", PsnNo = "14010000000000000001", InsuplcAdmdvs = "140100", MdtrtId = "MDT1" };
var copy = SettleRequest.Parser.ParseFrom(request.ToByteArray());
Console.WriteLine($"roundtrip: {(copy.Equals(request) ? "equal" : "different")}");
Console.WriteLine($"service: {SettlementService.Descriptor.FullName}");
Console.WriteLine($"settle method: {SettlementService.Descriptor.FindMethodByName("Settle")?.FullName ?? "missing"}");

// A peer that accepts the connection and closes it at once: the call must come back as a gRPC status, not hang.
using var listener = new TcpListener(IPAddress.Loopback, 0);
listener.Start();
var port = ((IPEndPoint)listener.LocalEndpoint).Port;
_ = Task.Run(async () =>
{
    while (true)
    {
        using var socket = await listener.AcceptSocketAsync();
    }
});

using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
var client = new SettlementService.SettlementServiceClient(channel);
try
{
    await client.SettleAsync(request, deadline: DateTime.UtcNow.AddSeconds(30));
    Console.WriteLine("call: answered");
}
catch (RpcException ex)
{
    Console.WriteLine($"call: {ex.StatusCode}");
    Console.WriteLine($"rich status: {(ex.GetRpcStatus() is null ? "none" : "present")}");
}

var info = new Google.Rpc.ErrorInfo { Domain = "adjudication", Reason = "FILING_REQUIRED" };
Console.WriteLine($"error info: {info.Domain}/{info.Reason}");
Console.WriteLine($"server base: {typeof(Terminal).BaseType!.FullName}");
Console.WriteLine($"aspnetcore loaded: {AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))}");

/// <summary>A server base class compiles against Grpc.Core.Api alone; hosting it would need a gRPC server.</summary>
internal sealed class Terminal : SettlementService.SettlementServiceBase
{
    public override Task<SettleResponse> Settle(SettleRequest request, ServerCallContext context) => Task.FromResult(new SettleResponse());
}
