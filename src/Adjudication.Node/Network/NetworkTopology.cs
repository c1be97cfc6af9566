using System.Text.Json;
using System.Text.Json.Serialization;
using Adjudication.Domain.Divisions;

namespace Adjudication.Node.Network;

/// <summary>
/// The nodes of the network and how they hang together (DESIGN.md §3): one national node, provincial nodes under it,
/// municipal nodes under their province. Read from a JSON file (<see cref="Load"/>) or built in memory; either way
/// <see cref="Validate"/> checks the shape before a <see cref="Router"/> relies on it.
/// </summary>
public sealed class NetworkTopology
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    private readonly TopologyNode[] _nodes;
    private readonly Dictionary<string, TopologyNode> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TopologyNode> _byAdmdvs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TopologyNode>> _children = new(StringComparer.Ordinal);

    /// <summary>
    /// Holds <paramref name="nodes"/> as given, without validating them: an in-process harness may fill in addresses
    /// afterwards. Call <see cref="Validate"/> before routing on it (<see cref="Router"/> does).
    /// </summary>
    public NetworkTopology(IEnumerable<TopologyNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _nodes = [.. nodes];
        foreach (var node in _nodes)
        {
            if (node is null)
            {
                throw new ArgumentException("The topology's node list holds a null entry.", nameof(nodes));
            }

            // First entry wins; Validate reports the duplicates.
            _byId.TryAdd(node.Id ?? string.Empty, node);
            _byAdmdvs.TryAdd(node.Admdvs ?? string.Empty, node);
            if (node.Parent is not null)
            {
                if (!_children.TryGetValue(node.Parent, out var siblings))
                {
                    _children[node.Parent] = siblings = [];
                }

                siblings.Add(node);
            }
        }

        Nodes = Array.AsReadOnly(_nodes);
    }

    /// <summary>Every node, in file order.</summary>
    public IReadOnlyList<TopologyNode> Nodes { get; }

    /// <summary>Reads and validates (addresses required) the topology file at <paramref name="path"/>.</summary>
    /// <exception cref="TopologyException">The file is missing, unreadable, malformed or breaks a rule.</exception>
    public static NetworkTopology Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TopologyException([$"{path}: the topology file does not exist (looked for {Path.GetFullPath(path)})."], ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TopologyException([$"{path}: the topology file cannot be read: {ex.Message}"], ex);
        }

        return Parse(json, path);
    }

    /// <summary>
    /// Reads and validates (addresses required) a topology from <paramref name="json"/>; <paramref name="source"/>
    /// names it in messages (a path, or e.g. "inline").
    /// </summary>
    /// <exception cref="TopologyException">The JSON is malformed or the topology breaks a rule.</exception>
    public static NetworkTopology Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        TopologyDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<TopologyDocument>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"{source}, line {line + 1}" : source;
            throw new TopologyException([$"{where}: the topology is not valid JSON of the expected shape: {ex.Message}"], ex);
        }

        if (document?.Nodes is not { } nodes)
        {
            throw new TopologyException([$"{source}: the topology has no \"nodes\" array."]);
        }

        var nulls = new List<string>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] is null)
            {
                nulls.Add($"{source}: nodes[{i}] is null; each entry must be a node object.");
            }
        }

        if (nulls.Count > 0)
        {
            throw new TopologyException(nulls);
        }

        var topology = new NetworkTopology(nodes);
        var problems = topology.FindProblems(requireAddresses: true);
        if (problems.Count > 0)
        {
            throw new TopologyException(problems.ConvertAll(p => $"{source}: {p}"));
        }

        return topology;
    }

    /// <summary>
    /// Checks the rules of DESIGN.md §3 and throws listing every problem found: unique ids and divisions; one national
    /// node (<c>000000</c>, no parent); provinces (<c>PP0000</c>) under it; cities (<c>PPCC00</c>) under their own
    /// province; addresses absolute http(s) URIs without repeats, and at least one per node when
    /// <paramref name="requireAddresses"/>.
    /// </summary>
    /// <exception cref="TopologyException">At least one rule is broken.</exception>
    public void Validate(bool requireAddresses)
    {
        var problems = FindProblems(requireAddresses);
        if (problems.Count > 0)
        {
            throw new TopologyException(problems);
        }
    }

    /// <summary>The node with id <paramref name="id"/>.</summary>
    /// <exception cref="TopologyException">No node has that id.</exception>
    public TopologyNode GetById(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.TryGetValue(id, out var node)
            ? node
            : throw new TopologyException([$"There is no node with id {id}; the topology has: {string.Join(", ", Array.ConvertAll(_nodes, n => n.Id))}."]);
    }

    /// <summary>The node with id <paramref name="id"/>, if the topology has one.</summary>
    public bool TryGetById(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TopologyNode? node) => _byId.TryGetValue(id, out node);

    /// <summary>The node serving exactly <paramref name="admdvs"/>, if any (no county-to-city mapping here; see <see cref="Router"/>).</summary>
    public TopologyNode? FindByAdmdvs(string admdvs)
    {
        ArgumentNullException.ThrowIfNull(admdvs);
        return _byAdmdvs.GetValueOrDefault(admdvs);
    }

    /// <summary>The nodes naming <paramref name="id"/> as their parent, in file order; empty for a leaf or an unknown id.</summary>
    public IReadOnlyList<TopologyNode> ChildrenOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _children.TryGetValue(id, out var children) ? children : [];
    }

    private static bool IsCity(string admdvs) =>
        Admdvs.IsValid(admdvs) && admdvs.AsSpan(4, 2) is "00" && !Admdvs.IsProvince(admdvs);

    private static bool IsProvinceCode(string admdvs) => Admdvs.IsValid(admdvs) && Admdvs.IsProvince(admdvs);

    private List<string> FindProblems(bool requireAddresses)
    {
        var problems = new List<string>();
        if (_nodes.Length == 0)
        {
            problems.Add("The topology names no nodes; it needs at least the national node.");
            return problems;
        }

        CheckUnique(problems);
        var nationals = Array.FindAll(_nodes, n => n.Role == NodeRole.National);
        if (nationals.Length == 0)
        {
            problems.Add("There is no national node; exactly one node must have the role national.");
        }
        else if (nationals.Length > 1)
        {
            problems.Add($"There are {nationals.Length} national nodes ({string.Join(", ", Array.ConvertAll(nationals, n => n.ToString()))}); exactly one is allowed.");
        }

        for (var i = 0; i < _nodes.Length; i++)
        {
            var node = _nodes[i];
            if (string.IsNullOrEmpty(node.Id))
            {
                problems.Add($"The {NodeRoles.Name(node.Role)} node at position {i + 1} ({node.Admdvs}) has no id.");
            }

            switch (node.Role)
            {
                case NodeRole.National:
                    CheckNational(node, problems);
                    break;
                case NodeRole.Provincial:
                    CheckProvincial(node, problems);
                    break;
                case NodeRole.Municipal:
                    CheckMunicipal(node, problems);
                    break;
                default:
                    problems.Add($"{node} has role {(int)node.Role}; the role must be national, provincial or municipal.");
                    break;
            }

            CheckAddresses(node, requireAddresses, problems);
        }

        return problems;
    }

    private void CheckUnique(List<string> problems)
    {
        var ids = new Dictionary<string, List<TopologyNode>>(StringComparer.Ordinal);
        var divisions = new Dictionary<string, List<TopologyNode>>(StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            if (!string.IsNullOrEmpty(node.Id))
            {
                Add(ids, node.Id, node);
            }

            Add(divisions, node.Admdvs ?? string.Empty, node);
        }

        foreach (var (id, holders) in ids)
        {
            if (holders.Count > 1)
            {
                problems.Add($"The id {id} is used by {holders.Count} nodes ({Names(holders)}); ids must be unique.");
            }
        }

        foreach (var (admdvs, holders) in divisions)
        {
            if (holders.Count > 1)
            {
                problems.Add($"The admdvs {admdvs} is served by {holders.Count} nodes ({Names(holders)}); each division has one node.");
            }
        }

        static void Add(Dictionary<string, List<TopologyNode>> index, string key, TopologyNode node)
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            list.Add(node);
        }

        static string Names(List<TopologyNode> nodes) => string.Join(", ", nodes.ConvertAll(n => n.ToString()));
    }

    private static void CheckNational(TopologyNode node, List<string> problems)
    {
        if (node.Admdvs != Router.NationalAdmdvs)
        {
            problems.Add($"{node} must have admdvs {Router.NationalAdmdvs}.");
        }

        if (node.Parent is not null)
        {
            problems.Add($"{node} names parent {node.Parent}; the national node has no parent.");
        }
    }

    private void CheckProvincial(TopologyNode node, List<string> problems)
    {
        if (!IsProvinceCode(node.Admdvs))
        {
            problems.Add($"{node}: admdvs '{node.Admdvs}' is not a province code (6 digits, PP0000).");
        }

        if (FindParent(node, problems) is { Role: not NodeRole.National } parent)
        {
            problems.Add($"{node} names parent {parent}, but a provincial node's parent must be the national node.");
        }
    }

    private void CheckMunicipal(TopologyNode node, List<string> problems)
    {
        var isCity = IsCity(node.Admdvs);
        if (!isCity)
        {
            problems.Add($"{node}: admdvs '{node.Admdvs}' is not a city code (6 digits, PPCC00 with CC not 00).");
        }

        switch (FindParent(node, problems))
        {
            case { Role: not NodeRole.Provincial } parent:
                problems.Add($"{node} names parent {parent}, but a municipal node's parent must be the provincial node of its province.");
                break;
            case { } parent when isCity && Admdvs.ProvinceOf(node.Admdvs) != parent.Admdvs:
                problems.Add($"{node} names parent {parent}, but {node.Admdvs} lies in province {Admdvs.ProvinceOf(node.Admdvs)}.");
                break;
        }
    }

    // The parent a provincial or municipal node names, or null (with the problem recorded) when it names none or an unknown one.
    private TopologyNode? FindParent(TopologyNode node, List<string> problems)
    {
        if (node.Parent is null)
        {
            problems.Add($"{node} has no parent; only the national node may have none.");
            return null;
        }

        if (!_byId.TryGetValue(node.Parent, out var parent))
        {
            problems.Add($"{node} names parent {node.Parent}, which is not in the topology.");
            return null;
        }

        return parent;
    }

    private static void CheckAddresses(TopologyNode node, bool requireAddresses, List<string> problems)
    {
        var addresses = node.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            if (requireAddresses)
            {
                problems.Add($"{node} has no address; list at least one http:// or https:// URI.");
            }

            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var address in addresses)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"{node} has address '{address}', which is not an absolute http:// or https:// URI.");
            }
            else if (!seen.Add(address))
            {
                problems.Add($"{node} lists address {address} more than once.");
            }
        }
    }

    // The file's root object: { "nodes": [ ... ] }.
    private sealed class TopologyDocument
    {
        public List<TopologyNode>? Nodes { get; set; }
    }
}
