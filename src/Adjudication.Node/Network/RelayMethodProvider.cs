using Grpc.AspNetCore.Server.Model;

namespace Adjudication.Node.Network;

/// <summary>Binds every NetworkService method to <see cref="RelayService.HandleAsync"/> with pass-through marshalling.</summary>
internal sealed class RelayMethodProvider : IServiceMethodProvider<RelayService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<RelayService> context)
    {
        foreach (var (name, method) in RawMethods.ByName)
        {
            context.AddUnaryMethod(method, [], (service, request, callContext) => service.HandleAsync(name, request, callContext));
        }
    }
}
