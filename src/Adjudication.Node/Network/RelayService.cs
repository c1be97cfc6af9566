using Adjudication.Domain.Divisions;
using Adjudication.Domain.Errors;
using Adjudication.Node.Errors;
using Grpc.Core;

namespace Adjudication.Node.Network;

/// <summary>
/// The node's end of <c>adjudication.v1.NetworkService</c>, bound over raw bytes by <see cref="RelayMethodProvider"/>.
/// A call for a division this node does not serve is forwarded unparsed to the next hop; a call it serves is parsed
/// once and answered by <see cref="LocalHandlers"/>. Filing pushes and fetches are read at every hop, because every
/// node on the way keeps a copy of the filings that pass (DESIGN.md §3).
/// </summary>
internal sealed class RelayService(NetworkClient network, LocalHandlers local, FilingPropagation filings, Clearing.ClearingFlow clearing)
{
    /// <summary>Routes or answers one call.</summary>
    public Task<byte[]> HandleAsync(string method, byte[] body, ServerCallContext context)
    {
        var target = TargetOf(context);
        switch (method)
        {
            case RawMethods.PushFiling:
                return filings.ReceivePushAsync(body, target, context);
            case RawMethods.FetchFilings:
                return filings.AnswerFetchAsync(body, target, context);
            case RawMethods.BookClearing:
                // One hop up, never relayed (AccessRules: only from a child, for itself).
                return clearing.ReceiveAsync(body, context);
            case RawMethods.DistributeZone when !network.RouteTo(target).IsLocal:
                throw new AdjudicationException(ErrorKind.FailedPrecondition, Reasons.NoRoute,
                    $"An integration zone is handed only to a city of the province that published it; {target} is not served here.");
        }

        var route = network.RouteTo(target);
        return route.IsLocal
            ? local.HandleAsync(method, body, context)
            : network.ForwardAsync(route.Peer!, method, body, target, context);
    }

    /// <summary>
    /// Answers a streamed call: a catalog version handed down by the province (the only one), which is never relayed
    /// further, so only the city it is for takes it.
    /// </summary>
    public Task<byte[]> HandleStreamAsync(string method, IAsyncStreamReader<byte[]> parts, ServerCallContext context)
    {
        var target = TargetOf(context);
        if (!network.RouteTo(target).IsLocal)
        {
            throw new AdjudicationException(ErrorKind.FailedPrecondition, Reasons.NoRoute,
                $"A catalog is handed only to a city of the province that published it; {target} is not served here.");
        }

        return local.HandleStreamAsync(method, parts, context);
    }

    private static string TargetOf(ServerCallContext context)
    {
        var target = context.RequestHeaders.GetValue(NetworkHeaders.Target);
        if (target is null || !(Admdvs.IsValid(target) || target == Router.NationalAdmdvs))
        {
            throw new AdjudicationException(ErrorKind.InvalidArgument, Reasons.InvalidRequest,
                $"A network call needs the '{NetworkHeaders.Target}' header with the 6-digit division it is for; got '{Echo.Cut(target, 12)}'.",
                [new FieldViolation(NetworkHeaders.Target, "must be a 6-digit division code")]);
        }

        return target;
    }
}
