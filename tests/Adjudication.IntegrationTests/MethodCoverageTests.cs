using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Security;
using Google.Protobuf.Reflection;
using Grpc.Core;
using static Adjudication.IntegrationTests.Infrastructure.TestNetwork;

namespace Adjudication.IntegrationTests;

/// <summary>
/// Every method of the contracts is served and guarded (issue 11, item 5): each NetworkService method, taken from the
/// generated descriptor, reaches a handler at the node it is for (the relay binds it, and the node answers it itself
/// rather than falling through to "not served by this node"); each method of every service has an access rule that
/// lets its callers in (DESIGN.md §8) and keeps callers of another kind out by that rule, not by the catch-all for
/// unlisted methods. Requests are empty messages: what matters is who answers, not the answer.
/// </summary>
public sealed class MethodCoverageTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    private const string NoRuleListsIt = "no access rule lists it";
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(15);
    private readonly TestNetwork _network = fixture.Network;

    /// <summary>Every NetworkService method, by full name.</summary>
    // BookClearing goes one hop up, from a child for itself (never from the parent): Method_CallerItsRuleAllows_LetInToTheHandler
    // and ClearingTests drive it.
    public static TheoryData<string> NetworkMethods => [.. NetworkService.Descriptor.Methods.Where(m => m.Name != "BookClearing").Select(m => m.FullName)];

    /// <summary>Every method of the public services and of NetworkService, by full name.</summary>
    public static TheoryData<string> AllMethods => [.. ServiceMethods.All().Select(m => m.FullName)];

    /// <summary>Every method but Ping, which any caller with an identity may use.</summary>
    public static TheoryData<string> GuardedMethods => [.. ServiceMethods.All().Where(m => m.FullName != "adjudication.v1.DiagnosticsService.Ping").Select(m => m.FullName)];

    [Fact]
    public void Descriptors_EveryService_HasMethods()
    {
        // The theories below are only as good as the descriptors they enumerate.
        Assert.All(new[] { SettlementService.Descriptor, FilingService.Descriptor, ReferenceDataService.Descriptor, CatalogService.Descriptor, DiagnosticsService.Descriptor, Contracts.V1.Policies.PolicyService.Descriptor, NetworkService.Descriptor }, s => Assert.NotEmpty(s.Methods));
        Assert.Contains(NetworkService.Descriptor.Methods, m => m.Name == "Adjudicate");
        Assert.Equal(ServiceMethods.All().Length, ServiceMethods.All().Select(m => m.FullName).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(NetworkMethods))]
    public async Task NetworkMethod_EmptyRequestFromParentForThisCity_AnsweredByAHandlerHere(string fullName)
    {
        // Arrange: Shanxi relays to Taiyuan a call for Taiyuan itself, so no further hop is involved.
        var method = Method(fullName);
        var (node, caller, headers) = ServiceMethods.AllowedCaller(_network, method);
        Assert.Equal(Shanxi, caller.Id);

        // Act
        var outcome = await OutcomeAsync(node, caller, headers, method);

        // Assert: bound (not UNIMPLEMENTED), let in, and answered here: not the fall-through for methods no handler takes.
        Assert.True(outcome.Code != StatusCode.Unimplemented, $"{fullName}: no handler bound at the relay: {outcome}");
        Assert.False(outcome.Code == StatusCode.FailedPrecondition && outcome.Reason == "NO_ROUTE", $"{fullName}: no local handler: {outcome}");
        Assert.DoesNotContain(NoRuleListsIt, outcome.Message, StringComparison.Ordinal);
        Assert.NotEqual(StatusCode.Unauthenticated, outcome.Code);
    }

    [Theory]
    [MemberData(nameof(AllMethods))]
    public async Task Method_CallerItsRuleAllows_LetInToTheHandler(string fullName)
    {
        // Arrange
        var method = Method(fullName);
        var (node, caller, headers) = ServiceMethods.AllowedCaller(_network, method);

        // Act
        var outcome = await OutcomeAsync(node, caller, headers, method);

        // Assert: an answer, or a refusal of the empty request's content; never a refusal of the caller by the rules.
        Assert.True(outcome.Code != StatusCode.Unimplemented, $"{fullName}: not served: {outcome}");
        Assert.True(outcome.Code is not (StatusCode.Unauthenticated or StatusCode.PermissionDenied) || outcome.Reason is not ("CALLER_NOT_ALLOWED" or "NO_IDENTITY" or "NOT_A_NEIGHBOUR" or "AGENCY_MISMATCH"),
            $"{fullName}: {caller} was refused by the access rules: {outcome}");
    }

    [Theory]
    [MemberData(nameof(GuardedMethods))]
    public async Task Method_CallerOfAnotherKind_RefusedByItsOwnRule(string fullName)
    {
        // Arrange: the same node and headers as an allowed call, under an identity of a kind the method's rule excludes.
        var method = Method(fullName);
        var (node, allowed, headers) = ServiceMethods.AllowedCaller(_network, method);
        var other = OtherKind(method, allowed);

        // Act
        var outcome = await OutcomeAsync(node, other, headers, method);

        // Assert: refused as CALLER_NOT_ALLOWED with the rule's own words (it says who may call), not as an unlisted method.
        Assert.True(outcome.Code == StatusCode.PermissionDenied && outcome.Reason == "CALLER_NOT_ALLOWED", $"{fullName} as {other}: {outcome}");
        Assert.DoesNotContain(NoRuleListsIt, outcome.Message, StringComparison.Ordinal);
        Assert.Contains("only", outcome.Message, StringComparison.Ordinal);
    }

    // An identity of a kind the method's rule does not list (AccessRules): operators for institution, agency and node
    // methods; a node for catalog look-ups (institutions, agencies, operators); an institution for the rest.
    private static CallerIdentity OtherKind(MethodDescriptor method, CallerIdentity allowed) => (method.Service.Name, allowed.Kind) switch
    {
        ("CatalogService", IdentityKind.Institution) => CallerIdentity.Node(Shanxi),
        (_, IdentityKind.Operator or IdentityKind.Agency) => CallerIdentity.Institution(TaiyuanHospital),
        _ => CallerIdentity.Operator("tester"),
    };

    private static MethodDescriptor Method(string fullName) => ServiceMethods.All().Single(m => m.FullName == fullName);

    private static async Task<Outcome> OutcomeAsync(TestNode node, CallerIdentity caller, Metadata? headers, MethodDescriptor method)
    {
        try
        {
            await ServiceMethods.SendRawAsync(node, caller, headers, method, [], CallDeadline);
            return new Outcome(StatusCode.OK, string.Empty, string.Empty);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
        {
            // ASP.NET Core's gRPC answers an unbound method itself, without the node's rich status.
            return new Outcome(ex.StatusCode, string.Empty, ex.Status.Detail);
        }
        catch (RpcException ex)
        {
            var failure = RpcAssert.Describe(ex);
            return new Outcome(failure.Code, failure.Reason, failure.Message);
        }
    }

    private sealed record Outcome(StatusCode Code, string Reason, string Message);
}
