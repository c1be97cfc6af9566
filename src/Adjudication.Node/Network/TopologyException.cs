namespace Adjudication.Node.Network;

/// <summary>
/// A topology that cannot be used: the file is missing or malformed, or it breaks the rules of DESIGN.md §3. Every
/// problem found is listed at once, so that one edit of the file can fix them all.
/// </summary>
public sealed class TopologyException : Exception
{
    /// <summary>Creates the exception from the problems found, one sentence each.</summary>
    public TopologyException(IEnumerable<string> problems)
        : this(problems, null)
    {
    }

    /// <summary>Creates the exception from the problems found and the error that revealed them.</summary>
    public TopologyException(IEnumerable<string> problems, Exception? innerException)
        : this(Freeze(problems), innerException)
    {
    }

    private TopologyException(string[] problems, Exception? innerException)
        : base(Describe(problems), innerException)
    {
        Problems = problems;
    }

    /// <summary>The problems found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string[] Freeze(IEnumerable<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return [.. problems];
    }

    private static string Describe(string[] problems) =>
        "The topology is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, Array.ConvertAll(problems, p => "  - " + p));
}
