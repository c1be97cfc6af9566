using Adjudication.Node.Network;

namespace Adjudication.Node.Hosting;

/// <summary>
/// Where a node listens (<see cref="NodeOptions.Url"/>). A node of a network is called by its peers at the addresses of
/// its topology entry, so by default it listens at the first of them, and a URL of its own must use the scheme and port
/// of one of them (a standby may listen at the second); a stand-alone node listens at https://127.0.0.1:5100 by default.
/// </summary>
internal static class ListenAddress
{
    /// <summary>Where a stand-alone node listens when no URL is configured.</summary>
    public const string StandAloneDefault = "https://127.0.0.1:5100";

    /// <summary>
    /// Fills in an empty URL from <paramref name="self"/> (the node's topology entry, null for a stand-alone node) and
    /// adds a problem when the configured one is at a port the entry does not list.
    /// </summary>
    public static void Resolve(NodeOptions options, TopologyNode? self, List<string> problems)
    {
        var addresses = self?.Addresses ?? [];
        if (options.Url.Length == 0)
        {
            options.Url = addresses.Count > 0 ? addresses[0] : StandAloneDefault;
            return;
        }

        // An in-process harness fills the addresses in after the nodes have bound port 0; nothing to compare yet.
        // A URL that cannot be parsed is the transport check's to report.
        if (addresses.Count == 0 || !Uri.TryCreate(options.Url, UriKind.Absolute, out var url))
        {
            return;
        }

        foreach (var address in addresses)
        {
            if (Uri.TryCreate(address, UriKind.Absolute, out var listed) && listed.Scheme == url.Scheme && listed.Port == url.Port)
            {
                return;
            }
        }

        var first = new Uri(addresses[0]);
        problems.Add(
            $"The node would listen at {options.Url}, but the topology lists {self} at {string.Join(", ", addresses)}, where its peers call it. " +
            $"Start it with --port {first.Port} (Node:Url={first.Scheme}://HOST:{first.Port}), or correct the topology.");
    }

    /// <summary>Whether <paramref name="host"/> names this machine only: localhost or a loopback address.</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
}
