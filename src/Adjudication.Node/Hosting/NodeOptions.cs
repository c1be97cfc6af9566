using Adjudication.Node.Network;
using Adjudication.Node.Security;
using Adjudication.Storage;

namespace Adjudication.Node.Hosting;

/// <summary>What a node is and where it listens; bound from the "Node" configuration section.</summary>
public sealed class NodeOptions
{
    /// <summary>
    /// The node's id in the topology file; with <see cref="Topology"/> set, the node's role and division come from the
    /// file's entry for this id.
    /// </summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>
    /// Path of the topology file naming every node of the network (DESIGN.md §3). Empty: a stand-alone municipal node
    /// that serves only persons insured in its own city.
    /// </summary>
    public string Topology { get; set; } = string.Empty;

    /// <summary>The node's division: a city (PPCC00) for the municipal role. Taken from the topology when there is one.</summary>
    public string Admdvs { get; set; } = "140100";

    /// <summary>
    /// The level the node serves, written <c>national</c>, <c>provincial</c> or <c>municipal</c> in configuration
    /// (<see cref="NodeRoles"/>). Taken from the topology when there is one; without one only municipal is possible.
    /// </summary>
    public NodeRole Role { get; set; } = NodeRole.Municipal;

    /// <summary>Deadline of a node-to-node call whose caller set none; a caller's own deadline always travels with the call.</summary>
    public TimeSpan RelayTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest a node waits for one address of a peer before trying the next (a hop that accepted the call and hangs);
    /// such an attempt also gets at most its share of the caller's time left. The last address left gets all the time
    /// but a reserve for the answer, so the caller hears which hop failed before its own deadline.
    /// </summary>
    public TimeSpan HopAttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Calendar years before the current one whose fee dates the in-memory catalog still serves: the node keeps the
    /// catalog version in force today, every later one, and those in force on any day of these past years; older
    /// versions stay in the store but leave memory, and a lookup for such a date answers CATALOG_NOT_FOUND. 1 (the
    /// default) covers fee lines of last year uploaded after New Year, the longest a visit's bill is expected to wait.
    /// </summary>
    public int CatalogLookBackYears { get; set; } = 1;

    /// <summary>How long a treatment city remembers that the insured city knows no filing for a person (DESIGN.md §3).</summary>
    public TimeSpan NoFilingCacheTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Kestrel URL, e.g. https://127.0.0.1:5100; port 0 picks a free port. https needs <see cref="Tls"/>; http is the
    /// development mode and needs <see cref="Plaintext"/> and a loopback host (DESIGN.md §8). Empty (the default): the
    /// first address of the node's topology entry, or https://127.0.0.1:5100 for a stand-alone node. In a network the
    /// port must be one the node's entry lists, or its peers could not reach it.
    /// </summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The node's certificate, key and the network's CA: mutual TLS on the listener and to every peer.</summary>
    public TlsOptions Tls { get; set; } = new();

    /// <summary>
    /// Development mode: HTTP/2 without TLS, on a loopback address only; callers name themselves in the
    /// <c>adjudication-dev-identity</c> header instead of presenting a certificate.
    /// </summary>
    public bool Plaintext { get; set; }

    /// <summary>Most fee lines one UploadFees call may carry; larger bills are split over several calls.</summary>
    public int MaxFeeLinesPerCall { get; set; } = 1000;

    /// <summary>How many times a settle recomputes after losing a race for the same person before answering ABORTED.</summary>
    public int MaxSettleAttempts { get; set; } = 200;

    /// <summary>
    /// Seconds between walks over every outbox slot (DESIGN.md §6), which find entries no commit woke the worker for (a
    /// crash between a commit and its wake-up). Entries are applied as their commit wakes the worker; this is the net.
    /// </summary>
    public int OutboxSweepSeconds { get; set; } = 60;

    /// <summary>
    /// Whether this node feeds clearing (DESIGN.md §11): a treatment city books its cross-region ledger rows into its
    /// clearing aggregates and hands them up the network, and an insured city keeps its own records of its persons'
    /// settlements elsewhere. True by default. False for a region whose monthly clearing still runs on another system:
    /// the node then starts no clearing row (its hospital ledger and reconciliation are kept as ever), and still books
    /// and relays what its children hand up.
    /// </summary>
    public bool ClearingFeed { get; set; } = true;

    /// <summary>
    /// Port of the Prometheus scrape endpoint (<c>GET /metrics</c>, HTTP/1.1, plain text) on <see cref="MetricsHost"/>;
    /// 0 (the default) serves none. Metrics also leave over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public int MetricsPort { get; set; }

    /// <summary>
    /// Host of the scrape endpoint: a loopback address (the default 127.0.0.1), because it answers in plaintext
    /// (DESIGN.md §8); a Prometheus agent or OpenTelemetry collector on the same machine scrapes it, or use OTLP.
    /// </summary>
    public string MetricsHost { get; set; } = "127.0.0.1";

    /// <summary>
    /// Port of the network dashboard (<c>GET /</c>, HTTP/1.1, plain HTML) on <see cref="DashboardHost"/>, served by a
    /// national or provincial node: the network's nodes up or down, settlement calls a second, the month's clearing
    /// matrix and each province's prepayment usage. -1 (the default) serves none; 0 takes a free port, which the node logs.
    /// </summary>
    public int DashboardPort { get; set; } = -1;

    /// <summary>Host of the dashboard: a loopback address (the default 127.0.0.1), because it answers in plaintext without a caller identity (DESIGN.md §8).</summary>
    public string DashboardHost { get; set; } = "127.0.0.1";

    /// <summary>The Redis store.</summary>
    public RedisStoreOptions Redis { get; set; } = new();
}
