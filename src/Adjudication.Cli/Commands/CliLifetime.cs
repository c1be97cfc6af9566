using Microsoft.Extensions.Hosting;

namespace Adjudication.Cli.Commands;

/// <summary>
/// The lifetime of a node host inside the CLI: it installs no signal handlers. System.CommandLine owns SIGINT and
/// SIGTERM for the whole process and cancels the command's token; the command then stops its hosts itself (draining
/// first), instead of a host's console lifetime and System.CommandLine racing for the same signal while the process
/// exits under calls in flight.
/// </summary>
internal sealed class CliLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
