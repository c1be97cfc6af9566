using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Adjudication.Cli.Commands;

/// <summary>
/// How the CLI stops its nodes on SIGTERM or Ctrl+C: stop accepting, let the calls in flight finish for at most
/// <see cref="Timeout"/>, then exit 0. A call still running after that is cut off.
/// </summary>
internal static class Draining
{
    /// <summary>The longest a node waits for its calls in flight once asked to stop (per stage of a network's stop).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long System.CommandLine waits for a command to finish after the signal before it gives up on it and exits
    /// with 130/143: beyond a network's two stages (entry calls, then the hosts).
    /// </summary>
    public static readonly TimeSpan ProcessTerminationTimeout = (2 * Timeout) + TimeSpan.FromSeconds(10);

    /// <summary>Adds to a node host built by the CLI: no signal handlers of its own (<see cref="CliLifetime"/>), the drain bound.</summary>
    public static void Configure(IServiceCollection services)
    {
        services.AddSingleton<IHostLifetime, CliLifetime>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = Timeout);
    }

    /// <summary>Completes when <paramref name="stop"/> is cancelled: the process was asked to stop.</summary>
    public static async Task WaitForStopRequestAsync(CancellationToken stop)
    {
        var requested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (stop.Register(() => requested.TrySetResult()).ConfigureAwait(false))
        {
            await requested.Task.ConfigureAwait(false);
        }
    }
}
