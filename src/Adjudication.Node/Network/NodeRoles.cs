namespace Adjudication.Node.Network;

/// <summary>
/// The roles as operators write them, in configuration (<c>Node:Role</c>), the topology file and messages:
/// <c>national</c>, <c>provincial</c>, <c>municipal</c> (DESIGN.md §3).
/// </summary>
public static class NodeRoles
{
    /// <summary>The role's name as written in configuration and messages, e.g. <c>provincial</c>.</summary>
    public static string Name(NodeRole role) => role switch
    {
        NodeRole.National => "national",
        NodeRole.Provincial => "provincial",
        NodeRole.Municipal => "municipal",
        _ => $"unknown-role({(int)role})",
    };

    /// <summary>
    /// Reads a role by its name, in any case and with surrounding blanks; a number, a list or any other name is no
    /// role, although <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would take the first two.
    /// </summary>
    public static bool TryParse(string? text, out NodeRole role)
    {
        role = default;
        var name = text.AsSpan().Trim();
        foreach (var candidate in Enum.GetValues<NodeRole>())
        {
            if (name.Equals(Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        return false;
    }
}
