using System.Reflection;
using Adjudication.Contracts.V1;
using Adjudication.Node.Validation;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Adjudication.Node.Errors;

/// <summary>
/// Binds the node's generated services so a request body that is not a message of its method is refused as
/// INVALID_ARGUMENT with a reason (DESIGN.md §7). gRPC parses a unary request before any interceptor runs, and an
/// exception of the parser would reach the client as UNKNOWN "Exception was thrown by handler."; here the parser of
/// every method is wrapped so its failure becomes the refusal itself. Each service names this class in its
/// <see cref="BindServiceMethodAttribute"/>; the framework then binds the service's methods through it.
/// (NetworkService takes raw bytes and parses them in its handlers, under <see cref="ErrorInterceptor"/>.)
/// </summary>
internal static class UnreadableRequests
{
    public static void BindService(ServiceBinderBase binder, SettlementService.SettlementServiceBase? service) =>
        SettlementService.BindService(new Binder(binder), service);

    public static void BindService(ServiceBinderBase binder, FilingService.FilingServiceBase? service) =>
        FilingService.BindService(new Binder(binder), service);

    public static void BindService(ServiceBinderBase binder, ReferenceDataService.ReferenceDataServiceBase? service) =>
        ReferenceDataService.BindService(new Binder(binder), service);

    public static void BindService(ServiceBinderBase binder, CatalogService.CatalogServiceBase? service) =>
        CatalogService.BindService(new Binder(binder), service);

    public static void BindService(ServiceBinderBase binder, DiagnosticsService.DiagnosticsServiceBase? service) =>
        DiagnosticsService.BindService(new Binder(binder), service);

    public static void BindService(ServiceBinderBase binder, Contracts.V1.Policies.PolicyService.PolicyServiceBase? service) =>
        Contracts.V1.Policies.PolicyService.BindService(new Binder(binder), service);

    public static void BindService(ServiceBinderBase binder, ReconciliationService.ReconciliationServiceBase? service) =>
        ReconciliationService.BindService(new Binder(binder), service);

    public static void BindService(ServiceBinderBase binder, ClearingService.ClearingServiceBase? service) =>
        ClearingService.BindService(new Binder(binder), service);

    public static void BindService(ServiceBinderBase binder, PrepaymentService.PrepaymentServiceBase? service) =>
        PrepaymentService.BindService(new Binder(binder), service);

    /// <summary>Passes every method on to the framework's binder with a request marshaller that refuses unreadable bytes.</summary>
    private sealed class Binder(ServiceBinderBase inner) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(Guarded(method), handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(Guarded(method), handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(Guarded(method), handler);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            inner.AddMethod(Guarded(method), handler);

        private static Method<TRequest, TResponse> Guarded<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class
            where TResponse : class
        {
            var parse = method.RequestMarshaller.ContextualDeserializer;
            var messageType = MessageName(typeof(TRequest));
            var marshaller = new Marshaller<TRequest>(method.RequestMarshaller.ContextualSerializer, context =>
            {
                try
                {
                    return parse(context);
                }
                catch (InvalidProtocolBufferException ex)
                {
                    throw RpcErrors.ToRpcException(Refusals.Unreadable(messageType, Echo.Cut(ex.Message, 120)));
                }
            });
            return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
        }

        // "adjudication.v1.SettleRequest": the name a client finds in the .proto files.
        private static string MessageName(Type type) =>
            type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is MessageDescriptor descriptor
                ? descriptor.FullName
                : type.Name;
    }
}
