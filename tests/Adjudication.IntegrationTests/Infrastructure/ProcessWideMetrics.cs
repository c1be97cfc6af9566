namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// Tests that read the node's process-wide meters. Every test network names its nodes alike (M-140700, ...), and
/// OpenTelemetry exports every meter of the process, so a count read while another class settles at its own M-140700
/// would include that class's calls. This collection runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    public const string Name = "Process-wide metrics";
}
