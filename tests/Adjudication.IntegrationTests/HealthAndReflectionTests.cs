using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Adjudication.IntegrationTests;

/// <summary>
/// grpc.health.v1 and reflection as an orchestrator and an operator use them (DESIGN.md §9): liveness, readiness by
/// a store PING, each served service by name, and every service listed, NetworkService too.
/// </summary>
public sealed class HealthAndReflectionTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private readonly TestNode _node = fixture.Node;

    [Theory]
    [InlineData("")]
    [InlineData("liveness")]
    [InlineData("readiness")]
    [InlineData("adjudication.v1.SettlementService")]
    [InlineData("adjudication.v1.ReconciliationService")]
    [InlineData("adjudication.v1.FilingService")]
    [InlineData("adjudication.v1.ReferenceDataService")]
    [InlineData("adjudication.v1.CatalogService")]
    [InlineData("adjudication.v1.NetworkService")]
    [InlineData("adjudication.v1.DiagnosticsService")]
    [InlineData("adjudication.v1.PolicyService")]
    public async Task Check_MunicipalNodeWithItsStoreUp_ServingForEveryNameItServes(string service)
    {
        using var anonymous = _node.Anonymous();

        var health = await new Health.HealthClient(anonymous).CheckAsync(new HealthCheckRequest { Service = service });

        Assert.Equal(ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task Check_ServiceThisNodeDoesNotServe_NotFound()
    {
        using var anonymous = _node.Anonymous();

        var failure = await Assert.ThrowsAsync<RpcException>(() => new Health.HealthClient(anonymous).CheckAsync(new HealthCheckRequest { Service = "adjudication.v1.ClearingService" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
    }

    // Stalls the store through a proxy in front of one server. A Redis Cluster client finds the other primaries by
    // itself, around the proxy, so .ci/run's cluster pass leaves this test to the pass against one redis-server.
    [Fact]
    [Trait(SharedRedis.StoreTrait, SharedRedis.SingleServer)]
    public async Task Check_StoreStalled_NotReadyButAliveThenReadyAgain()
    {
        // Arrange: a node whose store sits behind a proxy that can stall it.
        await using var proxy = new StallingProxy(SharedRedis.Configuration);
        await using var node = await TestNode.StartAsync(proxy.Configuration);
        using var anonymous = node.Anonymous();
        var health = new Health.HealthClient(anonymous);
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "readiness" })).Status);

        // Act
        proxy.Pause();
        var stalled = await health.CheckAsync(new HealthCheckRequest { Service = "readiness" });
        var settlementWhileStalled = await health.CheckAsync(new HealthCheckRequest { Service = "adjudication.v1.SettlementService" });
        var alive = await health.CheckAsync(new HealthCheckRequest { Service = "liveness" });
        proxy.Resume();
        var resumed = await health.CheckAsync(new HealthCheckRequest { Service = "readiness" });

        // Assert: not ready while the store does not answer PING (within 1 s); alive all along; ready once it answers.
        Assert.Equal((ServingStatus.NotServing, ServingStatus.NotServing, ServingStatus.Serving, ServingStatus.Serving), (stalled.Status, settlementWhileStalled.Status, alive.Status, resumed.Status));
    }

    [Fact]
    public async Task ListServices_Reflection_NamesEveryServiceOfTheNodeIncludingNetworkService()
    {
        using var channel = _node.As(Adjudication.Node.Security.CallerIdentity.Operator("ops"));
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var listed = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "adjudication.v1.CatalogService", "adjudication.v1.DiagnosticsService", "adjudication.v1.FilingService", "adjudication.v1.NetworkService",
                "adjudication.v1.PolicyService", "adjudication.v1.ReconciliationService", "adjudication.v1.ReferenceDataService", "adjudication.v1.SettlementService", "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection",
            ],
            listed);
        Assert.NotNull(NetworkService.Descriptor.FindMethodByName("Adjudicate"));
    }
}
