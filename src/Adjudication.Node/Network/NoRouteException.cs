namespace Adjudication.Node.Network;

/// <summary>
/// No node of the topology serves the target division (DESIGN.md §3), or the target is not a division code at all.
/// Callers turn it into a refusal; it never means a hop is down.
/// </summary>
public sealed class NoRouteException : Exception
{
    /// <summary>Creates the exception for a well-formed division that no node serves.</summary>
    public NoRouteException(string target)
        : this(target, $"No node in the topology serves {target}; the insured region is not connected to this network.")
    {
    }

    /// <summary>Creates the exception for <paramref name="target"/> with a message saying why no route leads there.</summary>
    public NoRouteException(string target, string message)
        : base(message)
    {
        Target = target;
    }

    /// <summary>The division (<c>admdvs</c>) the call was for, as given.</summary>
    public string Target { get; }
}
