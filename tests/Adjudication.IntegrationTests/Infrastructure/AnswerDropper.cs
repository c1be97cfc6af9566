using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// A fault on the way back: for each armed call the relay forwards the request as usual (so the insured city commits),
/// then throws the answer away and fails the hop as a dropped connection would, or, armed to hang, never answers.
/// </summary>
public sealed class AnswerDropper : Interceptor
{
    private int _armed;
    private int _hanging;

    /// <summary>Drops the answer of the next <paramref name="calls"/> calls.</summary>
    public void Arm(int calls = 1) => Interlocked.Exchange(ref _armed, calls);

    /// <summary>Keeps the answer of the next <paramref name="calls"/> calls until their callers give up (a hung hop).</summary>
    public void ArmHang(int calls = 1) => Interlocked.Exchange(ref _hanging, calls);

    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var response = await continuation(request, context);
        if (IsBackground(context.Method))
        {
            // The clearing feed's hand-ups cross this hop on their own schedule; an armed fault is for the test's call.
            return response;
        }

        if (Interlocked.Decrement(ref _hanging) >= 0)
        {
            // The fault itself, not a wait for something: the call ends when its caller's deadline cancels it.
            await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
        }

        Interlocked.Exchange(ref _hanging, 0);
        if (Interlocked.Decrement(ref _armed) >= 0)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "connection reset by peer (injected after the call was relayed)"));
        }

        Interlocked.Exchange(ref _armed, 0);
        return response;
    }

    private static bool IsBackground(string method) =>
        method.EndsWith("/BookClearing", StringComparison.Ordinal) || method.EndsWith("/ListInsuredRecords", StringComparison.Ordinal);
}
