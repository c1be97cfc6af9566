namespace Adjudication.Node.Security;

/// <summary>
/// Who a call acts for, after the access rules let it in. <see cref="Caller"/> is the hospital, agency, node or
/// operator the call is for: on a relayed NetworkService call, the original caller the neighbour vouched for.
/// <see cref="Peer"/> is whoever holds the connection; <see cref="OriginNode"/> the node where a relayed call entered
/// the network (null for a call that starts here).
/// </summary>
public sealed record AuthenticatedCall(CallerIdentity Caller, CallerIdentity Peer, string? OriginNode);
