using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Adjudication.Cli.Tests.Infrastructure;

/// <summary>
/// The built CLI (<c>adjudication.dll</c>) or node binary (<c>Adjudication.Node.dll</c>) run as a child process with
/// <c>dotnet</c>, as an operator runs it: its console output collected line by line, waited on by content (never by
/// time), stopped with a real signal. Killed on dispose if it is still running.
/// </summary>
public sealed partial class CliProcess : IAsyncDisposable
{
    /// <summary>The longest a process may take to print what a test waits for, or to exit.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Phrase, TaskCompletionSource Seen)> _waiters = [];
    private readonly Lock _lock = new();

    private CliProcess(Process process) => _process = process;

    /// <summary>The process id, for signals.</summary>
    public int Id => _process.Id;

    /// <summary>Everything printed so far, stdout and stderr interleaved as they arrived.</summary>
    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet adjudication.dll</c> with <paramref name="args"/>.</summary>
    public static CliProcess StartCli(params string[] args) => Start("adjudication.dll", args);

    /// <summary>Starts the CLI with <paramref name="environment"/> added to the child's environment.</summary>
    public static CliProcess StartCli(IReadOnlyDictionary<string, string> environment, params string[] args) => Start("adjudication.dll", args, environment);

    /// <summary>Starts <c>dotnet Adjudication.Node.dll</c> (the node binary) with <paramref name="args"/>.</summary>
    public static CliProcess StartNodeBinary(params string[] args) => Start("Adjudication.Node.dll", args);

    /// <summary>Starts the node binary with <paramref name="environment"/> added to the child's environment.</summary>
    public static CliProcess StartNodeBinary(IReadOnlyDictionary<string, string> environment, params string[] args) => Start("Adjudication.Node.dll", args, environment);

    /// <summary>Runs the CLI with <paramref name="args"/> to its end; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCliAsync(params string[] args)
    {
        await using var process = StartCli(args);
        var exitCode = await process.WaitForExitAsync();
        return (exitCode, process.Output);
    }

    /// <summary>Runs the node binary with <paramref name="args"/> to its end; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunNodeBinaryAsync(params string[] args)
    {
        await using var process = StartNodeBinary(args);
        var exitCode = await process.WaitForExitAsync();
        return (exitCode, process.Output);
    }

    /// <summary>
    /// Waits until the output holds <paramref name="phrase"/>. Whitespace is compared loosely, because the console
    /// wraps long lines at 80 columns when it is not a terminal.
    /// </summary>
    public async Task WaitForOutputAsync(string phrase)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (Holds(_output.ToString(), phrase))
            {
                return;
            }

            _waiters.Add((phrase, seen));
        }

        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(seen.Task, exited).WaitAsync(Patience).ConfigureAwait(false);
        if (first != seen.Task && !Holds(Output, phrase))
        {
            throw new Xunit.Sdk.XunitException($"The process exited ({_process.ExitCode}) without printing \"{phrase}\". It printed:\n{Output}");
        }
    }

    /// <summary>Sends SIGTERM, as a service manager stopping the node does.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Kills the process (SIGKILL: no graceful shutdown, nothing flushed) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(Patience);
    }

    /// <summary>Waits for the process to exit (all its output read); returns the exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"The process did not exit within {Patience}. It printed:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Whether <paramref name="output"/> holds a .NET stack-trace line ("   at Namespace.Type.Method(…)").</summary>
    public static bool HasStackTrace(string output) => StackFrame().IsMatch(output);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static CliProcess Start(string assembly, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly);
        Assert.True(File.Exists(path), $"{path} is missing: the test project references the CLI so that the build copies it here.");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(path);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // No OpenTelemetry exporter or ASP.NET environment from the test runner's environment leaks into the child.
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Append(e.Data);
        process.ErrorDataReceived += (_, e) => cli.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _output.AppendLine(line);
            var text = _output.ToString();
            foreach (var (phrase, seen) in _waiters.FindAll(w => Holds(text, w.Phrase)))
            {
                seen.TrySetResult();
                _waiters.RemoveAll(w => w.Seen == seen);
            }
        }
    }

    /// <summary>Whether <paramref name="output"/> holds <paramref name="phrase"/>, whitespace compared loosely (the console wraps long lines).</summary>
    public static bool Holds(string output, string phrase) =>
        Whitespace().Replace(output, " ").Contains(Whitespace().Replace(phrase, " "), StringComparison.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\s+at \S+\(.*\)", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
