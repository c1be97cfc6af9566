using Grpc.AspNetCore.Server.Model;

namespace Adjudication.Node.Network;

/// <summary>
/// Binds every NetworkService method with pass-through marshalling: unary ones to <see cref="RelayService.HandleAsync"/>,
/// client-streaming ones to <see cref="RelayService.HandleStreamAsync"/>.
/// </summary>
internal sealed class RelayMethodProvider : IServiceMethodProvider<RelayService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<RelayService> context)
    {
        foreach (var (name, method) in RawMethods.ByName)
        {
            if (method.Type == Grpc.Core.MethodType.ClientStreaming)
            {
                context.AddClientStreamingMethod(method, [], (service, requests, callContext) => service.HandleStreamAsync(name, requests, callContext));
            }
            else
            {
                context.AddUnaryMethod(method, [], (service, request, callContext) => service.HandleAsync(name, request, callContext));
            }
        }
    }
}
