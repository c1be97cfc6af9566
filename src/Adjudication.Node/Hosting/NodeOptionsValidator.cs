using Adjudication.Node.Errors;
using Adjudication.Domain.Divisions;
using Adjudication.Node.Network;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Adjudication.Node.Hosting;

/// <summary>
/// The rules a node's options must meet before anything is opened: a role, a division that fits it (DESIGN.md §2, §3),
/// limits that make sense, a store that can be named. Each broken rule is one sentence saying what to change, naming the
/// configuration key and the <c>adjudication node</c> option. <see cref="NodeHost.BuildAsync"/> runs these with the
/// topology and transport checks and refuses to start on any problem; as an <see cref="IValidateOptions{TOptions}"/> the
/// same rules serve a host that registers <see cref="NodeOptions"/> through the options pipeline (ValidateOnStart).
/// </summary>
public sealed class NodeOptionsValidator : IValidateOptions<NodeOptions>
{
    private const string TopologyHowTo = "--topology FILE --id ID (Node:Topology, Node:Id)";
    private static readonly System.Buffers.SearchValues<char> NotInPrefix = System.Buffers.SearchValues.Create("{} \t\r\n");

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Check(options, inNetwork: options.Topology.Length > 0);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>
    /// Every problem of <paramref name="options"/>, one sentence each; empty when there is none.
    /// <paramref name="inNetwork"/>: the node joins a topology (its role and division then come from its entry).
    /// </summary>
    public static List<string> Check(NodeOptions options, bool inNetwork)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        CheckRole(options, inNetwork, problems);
        CheckLimits(options, problems);
        CheckStore(options.Redis, problems);
        return problems;
    }

    private static void CheckRole(NodeOptions options, bool inNetwork, List<string> problems)
    {
        var admdvs = options.Admdvs;
        switch (options.Role)
        {
            case NodeRole.Municipal:
                CheckCity(admdvs, problems);
                break;
            case NodeRole.Provincial or NodeRole.National when !inNetwork:
                problems.Add($"Node:Role '{NodeRoles.Name(options.Role)}' needs a topology: a node without one is a stand-alone municipal node. Start it with {TopologyHowTo}; the role comes from its entry.");
                break;
            case NodeRole.Provincial when !(Admdvs.IsValid(admdvs) && Admdvs.IsProvince(admdvs)):
                problems.Add($"Node:Admdvs '{admdvs}' is not a province code (PP0000, e.g. 140000), which a provincial node serves.");
                break;
            case NodeRole.National when admdvs != Router.NationalAdmdvs:
                problems.Add($"Node:Admdvs '{admdvs}' is not {Router.NationalAdmdvs}, which the national node serves.");
                break;
            case NodeRole.Provincial or NodeRole.National:
                break;
            default:
                // Only code can set a value outside the enum; configuration is read by NodeRoles.TryParse (NodeOptionsBinder).
                problems.Add(UnknownRole(((int)options.Role).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                break;
        }
    }

    /// <summary>The problem of a <c>Node:Role</c> value that names no role, echoing <paramref name="value"/> cut to a sensible length.</summary>
    internal static string UnknownRole(string value) =>
        $"Node:Role '{Echo.Cut(value, 40)}' is not a role; use municipal (a stand-alone node), or national or provincial with {TopologyHowTo}, where the role comes from the node's entry.";

    // A municipal node serves a city; its counties come with it (DESIGN.md §3).
    private static void CheckCity(string admdvs, List<string> problems)
    {
        const string Key = "Node:Admdvs (--admdvs)";
        if (admdvs == Router.NationalAdmdvs)
        {
            problems.Add($"{Key} {admdvs} is the national division, which a municipal node does not serve; give a city code (PPCC00, e.g. 140100). The national node runs from a topology: {TopologyHowTo}.");
        }
        else if (!Admdvs.IsValid(admdvs))
        {
            problems.Add($"{Key} '{Echo.Cut(admdvs, 40)}' is not a division code; a municipal node serves a city: six digits PPCC00, e.g. 140100.");
        }
        else if (Admdvs.IsProvince(admdvs))
        {
            problems.Add($"{Key} {admdvs} is a province (PP0000), but a municipal node serves a city (PPCC00, e.g. {admdvs[..2]}0100). A provincial node runs from a topology: {TopologyHowTo}.");
        }
        else if (Admdvs.CityOf(admdvs) != admdvs)
        {
            problems.Add($"{Key} {admdvs} is a county; counties belong to their city's node: use {Admdvs.CityOf(admdvs)}.");
        }
    }

    private static void CheckLimits(NodeOptions options, List<string> problems)
    {
        if (options.RelayTimeout <= TimeSpan.Zero)
        {
            problems.Add($"Node:RelayTimeout is {options.RelayTimeout}; a node-to-node call needs a positive deadline, e.g. 00:00:10.");
        }

        // Every other time span (present or added later) must at least not be negative.
        foreach (var property in typeof(NodeOptions).GetProperties())
        {
            if (property.PropertyType == typeof(TimeSpan) && property.GetValue(options) is TimeSpan value && value < TimeSpan.Zero)
            {
                problems.Add($"Node:{property.Name} is negative ({value}); write a positive time span as hh:mm:ss.");
            }
        }

        if (options.MetricsPort is < 0 or > 65535)
        {
            problems.Add($"Node:MetricsPort is {options.MetricsPort}; give a TCP port for GET /metrics (1-65535), or 0 to serve none.");
        }

        if (options.MetricsPort != 0 && !ListenAddress.IsLoopback(options.MetricsHost))
        {
            problems.Add($"Node:MetricsHost is '{Echo.Cut(options.MetricsHost)}'; /metrics answers in plaintext, so only a loopback host (127.0.0.1, ::1, localhost) is allowed. Scrape it with an agent on the same machine, or export over OTLP (OTEL_EXPORTER_OTLP_ENDPOINT).");
        }

        if (options.DashboardPort is < -1 or > 65535)
        {
            problems.Add($"Node:DashboardPort is {options.DashboardPort}; give a TCP port for the dashboard (1-65535), 0 for a free one, or -1 to serve none.");
        }

        if (options.DashboardPort != -1 && !ListenAddress.IsLoopback(options.DashboardHost))
        {
            problems.Add($"Node:DashboardHost is '{Echo.Cut(options.DashboardHost)}'; the dashboard answers in plaintext to anyone who reaches it, so only a loopback host (127.0.0.1, ::1, localhost) is allowed. Reach it from elsewhere through an SSH tunnel.");
        }

        if (options.DashboardPort != -1 && options.Role == NodeRole.Municipal)
        {
            problems.Add("Node:DashboardPort is set on a municipal node; the dashboard is served by the national node (the whole network) and by provincial nodes (their cities). Drop the setting here.");
        }

        if (options.CatalogLookBackYears is < 0 or > 100)
        {
            problems.Add($"Node:CatalogLookBackYears is {options.CatalogLookBackYears}; give 0 to 100 calendar years before the current one whose catalog versions stay in memory (default 1).");
        }

        if (options.MaxFeeLinesPerCall < 1)
        {
            problems.Add($"Node:MaxFeeLinesPerCall is {options.MaxFeeLinesPerCall}; an UploadFees call must be allowed at least one line (the default is 1000).");
        }

        if (options.OutboxSweepSeconds < 1)
        {
            problems.Add($"Node:OutboxSweepSeconds is {options.OutboxSweepSeconds}; the outbox is walked at least every few seconds apart, at most once a second (the default is 60).");
        }

        if (options.MaxSettleAttempts < 1)
        {
            problems.Add($"Node:MaxSettleAttempts is {options.MaxSettleAttempts}; a settle needs at least one attempt (the default is 200).");
        }
    }

    private static void CheckStore(Storage.RedisStoreOptions redis, List<string> problems)
    {
        try
        {
            if (ConfigurationOptions.Parse(redis.Configuration).EndPoints.Count == 0)
            {
                problems.Add("Node:Redis:Configuration (--redis) names no server; give host:port, e.g. 127.0.0.1:6379.");
            }
        }
        catch (ArgumentException ex)
        {
            problems.Add($"Node:Redis:Configuration (--redis) '{Echo.Cut(redis.Configuration, 40)}' cannot be read ({ex.Message}); give host:port, e.g. 127.0.0.1:6379.");
        }

        // The prefix goes in front of every key, outside the person's hash tag: a brace in it would move the tag (DESIGN.md §6).
        if (redis.KeyPrefix.Length == 0 || redis.KeyPrefix.AsSpan().ContainsAny(NotInPrefix))
        {
            problems.Add($"Node:Redis:KeyPrefix (--key-prefix) '{Echo.Cut(redis.KeyPrefix, 40)}' must be non-empty, without spaces or braces (braces would change every person's hash slot); e.g. adj.");
        }

        if (redis.TimeoutMilliseconds < 1)
        {
            problems.Add($"Node:Redis:TimeoutMilliseconds is {redis.TimeoutMilliseconds}; a store call needs a positive timeout (the default is 2000).");
        }
    }
}
