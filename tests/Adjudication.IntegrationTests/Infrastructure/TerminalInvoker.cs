using Adjudication.Contracts.V1;
using Adjudication.Contracts.V1.Policies;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Institutions;
using Adjudication.Node.Security;
using Grpc.Core;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// The well-behaved clients of a node, behind one invoker: every request goes out on a channel holding the certificate
/// of the party its content names, as that party's own system would send it: a SettlementService request under its
/// <c>fixmedins_code</c>'s institution certificate, a filing, reference-data or policy request under the city's agency,
/// a catalog or zone publication under the province's agency. Tests of misuse use <see cref="TestNode.As"/> instead.
/// </summary>
public sealed class TerminalInvoker(TestNode node) : CallInvoker
{
    /// <summary>The agency of a division in the tests: "A" + admdvs + "00001".</summary>
    public static CallerIdentity AgencyOf(string admdvs) => CallerIdentity.Agency("A" + admdvs + "00001", admdvs);

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        InvokerFor(request).BlockingUnaryCall(method, host, options, request);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        InvokerFor(request).AsyncUnaryCall(method, host, options, request);

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        InvokerFor(request).AsyncServerStreamingCall(method, host, options, request);

    // A stream's messages are not known when it opens: a catalog publication goes out under the province's agency, a
    // bulk enrolment under the node's city's agency.
    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        (typeof(TRequest) == typeof(PublishCatalogRequest) ? InvokerFor(new PublishCatalogRequest())
            : typeof(TRequest) == typeof(EnrolPersonsRequest) ? node.As(AgencyOf(Admdvs.CityOf(node.Options.Admdvs))).CreateCallInvoker()
            : node.As(CallerIdentity.Operator("tester")).CreateCallInvoker())
            .AsyncClientStreamingCall(method, host, options);

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        node.As(CallerIdentity.Operator("tester")).CreateCallInvoker().AsyncDuplexStreamingCall(method, host, options);

    private CallInvoker InvokerFor(object? request) => node.As(request switch
    {
        IInstitutionCall call => CallerIdentity.Institution(FixmedinsCode.IsValid(call.FixmedinsCode) ? call.FixmedinsCode : World.Hospital),
        IInsuredPersonCall call => AgencyOf(Admdvs.CityOf(Admdvs.IsValid(call.InsuplcAdmdvs) ? call.InsuplcAdmdvs : node.Options.Admdvs)),
        IInstitutionRegistryCall call => AgencyOf(Admdvs.CityOf(Admdvs.IsValid(call.Admdvs) ? call.Admdvs : node.Options.Admdvs)),
        PublishCatalogRequest or PublishZoneRequest or ListZonesRequest => AgencyOf(Admdvs.ProvinceOf(node.Options.Admdvs)),
        _ => CallerIdentity.Institution(World.Hospital),
    }).CreateCallInvoker();
}
