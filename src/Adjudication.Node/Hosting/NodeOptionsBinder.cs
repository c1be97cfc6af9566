using System.ComponentModel;
using System.Reflection;
using Adjudication.Node.Network;

namespace Adjudication.Node.Hosting;

/// <summary>
/// Reads the <c>Node</c> configuration section into <see cref="NodeOptions"/> the way the configuration binder does, but
/// checks every key first: a value that cannot be read (<c>--Node:RelayTimeout=banana</c>) or a key that is no setting
/// (a typo such as <c>--Node:Prot</c>) becomes one problem each instead of an exception at the first, and the keys that
/// can be read are still bound, so the other checks see them.
/// </summary>
/// <remarks>
/// Generic over the options' properties: a setting added to <see cref="NodeOptions"/> (or to a nested section such as
/// <c>Redis</c>) is checked without a change here.
/// </remarks>
internal static class NodeOptionsBinder
{
    private const int MaxEchoedLength = 60;

    /// <summary>Binds the readable keys of <paramref name="section"/> onto <paramref name="options"/>; adds one problem per key that is not.</summary>
    public static void Bind(IConfigurationSection section, NodeOptions options, List<string> problems)
    {
        var readable = new List<KeyValuePair<string, string?>>();
        Collect(section, typeof(NodeOptions), readable, problems);
        new ConfigurationBuilder().AddInMemoryCollection(readable).Build().GetSection(section.Path).Bind(options);
    }

    private static void Collect(IConfigurationSection section, Type type, List<KeyValuePair<string, string?>> readable, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || !IsSetting(property))
            {
                problems.Add($"{child.Path} is not a setting of the node; the settings under {section.Path} are {Settings(type)} (README 'Running a node').");
            }
            else if (!IsValue(property.PropertyType))
            {
                // A nested section (Tls, Redis): its keys are checked one by one.
                if (child.Value is { Length: > 0 })
                {
                    problems.Add($"{child.Path} is a section, not a value; set its keys instead: {Settings(property.PropertyType, child.Path)}.");
                }

                Collect(child, property.PropertyType, readable, problems);
            }
            else if (child.Value is null)
            {
                problems.Add($"{child.Path} takes one value, not a section of keys.");
            }
            else if (property.PropertyType == typeof(NodeRole))
            {
                // Roles are read by name only (the type converter would also take a number or a list of names), and
                // bound as the enum value so the configuration's spelling and case do not matter past this point.
                if (NodeRoles.TryParse(child.Value, out var role))
                {
                    readable.Add(new(child.Path, role.ToString()));
                }
                else
                {
                    problems.Add(NodeOptionsValidator.UnknownRole(child.Value));
                }
            }
            else if (!CanRead(property.PropertyType, child.Value))
            {
                problems.Add($"{child.Path} = '{Echo(child.Value)}' cannot be read: {Expected(property.PropertyType)}.");
            }
            else
            {
                readable.Add(new(child.Path, child.Value));
            }
        }
    }

    // A value the binder can set, or a nested section it binds into (read-only helpers such as TlsOptions.IsConfigured are neither).
    private static bool IsSetting(PropertyInfo property) =>
        property.GetIndexParameters().Length == 0 && (property.CanWrite || !IsValue(property.PropertyType));

    // The binder converts a value with the type's converter from the invariant culture; so does this check.
    private static bool IsValue(Type type) => type == typeof(string) || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    private static bool CanRead(Type type, string value)
    {
        if (type == typeof(string))
        {
            return true;
        }

        try
        {
            return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value) is not null || Nullable.GetUnderlyingType(type) is not null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(TimeSpan))
        {
            return "write a time span as hh:mm:ss, e.g. 00:00:10";
        }

        if (type == typeof(bool))
        {
            return "write true or false";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return "write a whole number, e.g. 1000";
        }

        return type.IsEnum ? $"write one of {string.Join(", ", Enum.GetNames(type))}" : $"write a {type.Name}";
    }

    private static string Settings(Type type, string? prefix = null) =>
        string.Join(", ", Array.ConvertAll(Array.FindAll(type.GetProperties(BindingFlags.Public | BindingFlags.Instance), IsSetting), p => prefix is null ? p.Name : $"{prefix}:{p.Name}"));

    private static string Echo(string value) => value.Length <= MaxEchoedLength ? value : string.Concat(value.AsSpan(0, MaxEchoedLength), "…");
}
