namespace Adjudication.Node.Security;

/// <summary>
/// The node cannot start as configured. Every problem found is listed at once, one sentence each saying what to
/// change, so that one edit of the configuration fixes them all; the message lists them as the console shows them.
/// </summary>
public sealed class NodeConfigurationException : Exception
{
    /// <summary>Creates the exception from one problem.</summary>
    public NodeConfigurationException(string message)
        : base(message)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception from every problem found (at least one).</summary>
    public NodeConfigurationException(IEnumerable<string> problems)
        : this(Freeze(problems))
    {
    }

    private NodeConfigurationException(string[] problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>The problems found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string[] Freeze(IEnumerable<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        string[] frozen = [.. problems];
        return frozen.Length > 0 ? frozen : throw new ArgumentException("At least one problem is needed.", nameof(problems));
    }

    private static string Describe(string[] problems) => problems.Length == 1
        ? problems[0]
        : "The node cannot start as configured:" + Environment.NewLine + string.Join(Environment.NewLine, Array.ConvertAll(problems, p => "  - " + p));
}
