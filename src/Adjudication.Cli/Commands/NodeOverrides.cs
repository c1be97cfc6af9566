namespace Adjudication.Cli.Commands;

/// <summary>
/// The node binary's settings given to <c>adjudication node</c> as <c>--Node:KEY=VALUE</c> (or <c>--Node:KEY VALUE</c>):
/// passed to the node's configuration as they are, checked there like every other setting. Any other token the command
/// does not know is refused, so a mistyped option is never silently ignored.
/// </summary>
internal static class NodeOverrides
{
    private const string Prefix = "--Node:";

    /// <summary>Splits the tokens the command did not recognise; false with one problem per token that is not a node setting.</summary>
    public static bool TryRead(IReadOnlyList<string> tokens, out string[] overrides, out List<string> problems)
    {
        var read = new List<string>();
        problems = [];
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || token.Length == Prefix.Length)
            {
                problems.Add($"'{token}' is not an option of 'adjudication node' (see 'adjudication node --help'); the node binary's settings go as --Node:KEY=VALUE.");
                if (token.StartsWith('-') && i + 1 < tokens.Count && !tokens[i + 1].StartsWith('-'))
                {
                    i++; // the unknown option's value: one problem is enough
                }
            }
            else if (token.Contains('=', StringComparison.Ordinal))
            {
                read.Add(token);
            }
            else if (i + 1 < tokens.Count && !tokens[i + 1].StartsWith('-'))
            {
                read.Add(token);
                read.Add(tokens[++i]);
            }
            else
            {
                problems.Add($"{token} needs a value: {token}=VALUE.");
            }
        }

        overrides = [.. read];
        return problems.Count == 0;
    }
}
