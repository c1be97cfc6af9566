using Google.Rpc;
using Grpc.Core;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>What a failed call carried: the status code, the ErrorInfo reason and the BadRequest field violations.</summary>
public sealed record RpcFailure(StatusCode Code, string Reason, string Message, IReadOnlyList<BadRequest.Types.FieldViolation> Violations);

/// <summary>
/// Assertions on the rich errors of DESIGN.md §7: every failure carries a google.rpc.Status with an ErrorInfo of domain
/// "adjudication", and bad input a BadRequest naming each offending field.
/// </summary>
public static class RpcAssert
{
    /// <summary>Awaits <paramref name="call"/>, asserts it failed with <paramref name="code"/> and <paramref name="reason"/>, and returns the failure.</summary>
    public static async Task<RpcFailure> FailsAsync(StatusCode code, string reason, Func<Task> call)
    {
        var failure = await FailsAsync(call);
        Assert.True(
            failure.Code == code && failure.Reason == reason,
            $"expected {code} {reason}, got {failure.Code} {failure.Reason}: {failure.Message}");
        return failure;
    }

    /// <summary>Awaits <paramref name="call"/>, asserts it failed with a rich status, and returns the failure.</summary>
    public static async Task<RpcFailure> FailsAsync(Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        return Describe(exception);
    }

    /// <summary>Reads the google.rpc.Status details of <paramref name="exception"/>; fails when they are missing.</summary>
    public static RpcFailure Describe(RpcException exception)
    {
        var status = exception.GetRpcStatus();
        if (status is null)
        {
            Assert.Fail($"{exception.StatusCode} without a google.rpc.Status (no ErrorInfo): {exception.Status.Detail}");
        }

        var info = status.GetDetail<ErrorInfo>();
        if (info is null)
        {
            Assert.Fail($"{exception.StatusCode} without an ErrorInfo: {status.Message}");
        }

        Assert.Equal("adjudication", info.Domain);
        Assert.Equal((int)exception.StatusCode, status.Code);
        var violations = status.GetDetail<BadRequest>()?.FieldViolations.ToList() ?? [];
        return new RpcFailure(exception.StatusCode, info.Reason, status.Message, violations);
    }

    /// <summary>Asserts <paramref name="failure"/> names <paramref name="field"/> exactly once and returns that violation.</summary>
    public static BadRequest.Types.FieldViolation Names(this RpcFailure failure, string field)
    {
        var matches = failure.Violations.Where(v => v.Field == field).ToList();
        Assert.True(
            matches.Count == 1,
            $"expected one violation of '{field}', got: [{string.Join(", ", failure.Violations.Select(v => v.Field))}] ({failure.Message})");
        return matches[0];
    }
}
