using Adjudication.Domain.Errors;
using Adjudication.Node.Errors;
using Grpc.Core;
using StackExchange.Redis;

namespace Adjudication.Node.Gateway;

/// <summary>
/// A failed transaction as the national interface reports it (NATIONAL-INTERFACE.md §4): infcode −1 and an err_msg that
/// starts with the node's reason code in brackets and says what to do next, e.g.
/// <c>[FILING_REQUIRED] Person … has no filing …; register a filing …</c>. The same mapping as the gRPC edge
/// (<see cref="ErrorInterceptor"/>): a refusal keeps its reason, a store that is down is STORE_UNAVAILABLE, a hop's
/// status keeps the hop's reason, and anything unforeseen is INTERNAL_ERROR, still an answer, never an HTTP 500.
/// </summary>
/// <param name="Reason">The machine-readable reason (google.rpc.ErrorInfo.reason of the gRPC answer).</param>
/// <param name="Message">What happened and what to do next.</param>
internal sealed record GatewayRefusal(string Reason, string Message)
{
    /// <summary>Most characters of err_msg; the gRPC status message has the same bound.</summary>
    public const int MaxMessageLength = RpcErrors.MaxMessageLength;

    /// <summary>The err_msg: reason and message.</summary>
    public string ErrMsg => Echo.Cut($"[{Reason}] {Message}", MaxMessageLength);

    /// <summary>The refusal for <paramref name="ex"/>, logged as the gRPC edge logs it.</summary>
    public static GatewayRefusal Of(Exception ex, string infno, ILogger logger)
    {
        switch (ex)
        {
            case AdjudicationException known:
                GatewayLog.TransactionRefused(logger, infno, known.Reason);
                return new(known.Reason, known.Message);
            case RpcException hop:
                // A hop's answer (a relay to the insured city): its reason and message as the hop gave them.
                var reason = hop.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? hop.StatusCode.ToString().ToUpperInvariant();
                GatewayLog.TransactionRefused(logger, infno, reason);
                return new(reason, hop.Status.Detail);
            case RedisConnectionException or RedisTimeoutException or TimeoutException:
                GatewayLog.TransactionStoreUnavailable(logger, infno, ex);
                return new(Reasons.StoreUnavailable, "The node's store is unreachable; nothing was committed by this call. Retry with the same msgid shortly.");
            case OverflowException:
                return new(Reasons.InvalidRequest, "An amount in the request is too large to settle; check prices, quantities and amounts.");
            case OperationCanceledException:
                return new(Reasons.OutcomeUnknown, "The call was cut off before its answer; retry with the same msgid (a committed call returns its stored result) or reverse it with 2601.");
            case ArgumentException and not ArgumentNullException or FormatException:
                GatewayLog.TransactionUncheckedInput(logger, infno, ex);
                return new(Reasons.InvalidRequest, "A value in the request is outside what this node handles (a date, a code or a length); correct it and send again.");
            default:
                GatewayLog.TransactionFailed(logger, infno, ex);
                return new(Reasons.InternalError, $"The node failed on transaction {Echo.Cut(infno, 8)} through a defect of its own (logged on the node). Retry with the same msgid: " +
                    "a call that was applied returns its stored result; if it keeps failing, report it to the network's operators.");
        }
    }
}
