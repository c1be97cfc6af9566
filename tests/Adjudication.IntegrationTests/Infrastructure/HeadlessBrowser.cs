using System.Diagnostics;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// A real browser for page tests: Debian's Chromium, headless (installed by <c>.ci/run</c>; elsewhere
/// <c>apt-get install chromium</c>, or point <c>ADJUDICATION_CHROMIUM</c> at another build). A test that needs it and
/// does not find it fails saying so: it is never skipped.
/// </summary>
internal static class HeadlessBrowser
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>The page's DOM after its scripts ran for up to <paramref name="scriptMilliseconds"/> of virtual time.</summary>
    public static Task<string> DumpDomAsync(Uri page, int scriptMilliseconds = 3000) =>
        RunAsync(["--dump-dom", $"--virtual-time-budget={scriptMilliseconds}", page.ToString()]);

    /// <summary>Writes a PNG screenshot of <paramref name="page"/> to <paramref name="path"/>.</summary>
    public static async Task ScreenshotAsync(Uri page, string path)
    {
        await RunAsync([$"--screenshot={path}", "--window-size=1280,1600", "--virtual-time-budget=3000", page.ToString()]);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Chromium wrote no screenshot to {path}.");
        }
    }

    private static async Task<string> RunAsync(IEnumerable<string> arguments)
    {
        var executable = Environment.GetEnvironmentVariable("ADJUDICATION_CHROMIUM") is { Length: > 0 } given ? given : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"No Chromium at {executable}: install Debian's package (apt-get install chromium), as .ci/run does, or set ADJUDICATION_CHROMIUM.");
        }

        // A profile of its own per run, so parallel tests do not share one; no sandbox, as in a CI container running as root.
        var profile = Directory.CreateTempSubdirectory("adjudication-chromium-");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", $"--user-data-dir={profile.FullName}"])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Patience);
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0
                ? await output
                : throw new InvalidOperationException($"Chromium exited with {process.ExitCode}: {await errors}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
