using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Adjudication.Cli.Import;

/// <summary>What an import did: counts by outcome, the refused rows with their reasons, and how long it took.</summary>
internal sealed record ImportSummary(string Kind, int Applied, int Unchanged, IReadOnlyList<RowOutcome> Refused, TimeSpan Elapsed)
{
    /// <summary>Every row read.</summary>
    public int Rows => Applied + Unchanged + Refused.Count;

    /// <summary>Rows per second over the whole run.</summary>
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : Rows;
}

/// <summary>
/// Streams a file's rows through an <see cref="IRowSender"/> with a progress bar (share of the file read, rows/s,
/// refused so far), then prints the summary table and every refused row with where it is and why.
/// </summary>
internal static class ImportRun
{

    /// <summary>Runs the import and returns its summary; a node that stops answering ends it with an <see cref="Grpc.Core.RpcException"/>.</summary>
    public static async Task<ImportSummary> RunAsync(IAnsiConsole console, ImportFile file, IRowSender sender, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        int applied = 0, unchanged = 0;
        var refused = new List<RowOutcome>();
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(sender.Kind, maxValue: 1);
                void Tally(IReadOnlyList<RowOutcome> outcomes)
                {
                    foreach (var outcome in outcomes)
                    {
                        switch (outcome.Result)
                        {
                            case RowResult.Applied: applied++; break;
                            case RowResult.Unchanged: unchanged++; break;
                            default: refused.Add(outcome); break;
                        }
                    }

                    var rows = applied + unchanged + refused.Count;
                    task.Value = file.Fraction;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"{sender.Kind}: {rows:N0} rows, {rows / Math.Max(watch.Elapsed.TotalSeconds, 0.001):N0}/s, {refused.Count:N0} refused");
                }

                // Up to the sender's BatchesInFlight at once, and a batch about anything an unanswered one is about
                // waits for it: answers are counted in file order.
                var inFlight = new Queue<(IReadOnlyList<ImportRow> Rows, Task<IReadOnlyList<RowOutcome>> Outcomes)>();
                await foreach (var batch in BatchesAsync(file, sender).WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    while (inFlight.Count > 0 && (inFlight.Count >= sender.BatchesInFlight || !AllIndependent(sender, inFlight, batch)))
                    {
                        Tally(await inFlight.Dequeue().Outcomes.ConfigureAwait(false));
                    }

                    inFlight.Enqueue((batch, sender.SendAsync(batch, cancellationToken)));
                }

                while (inFlight.Count > 0)
                {
                    Tally(await inFlight.Dequeue().Outcomes.ConfigureAwait(false));
                }

                task.Value = 1;
            }).ConfigureAwait(false);
        return new ImportSummary(sender.Kind, applied, unchanged, refused, watch.Elapsed);
    }

    /// <summary>Prints the summary table and the refused rows.</summary>
    public static void Report(IAnsiConsole console, ImportSummary summary)
    {
        var table = new Table().AddColumns("kind", "rows", "applied", "unchanged", "refused", "seconds", "rows/s");
        foreach (var column in table.Columns.Skip(1))
        {
            column.RightAligned();
        }

        table.AddRow(
            summary.Kind,
            summary.Rows.ToString("N0", CultureInfo.InvariantCulture),
            summary.Applied.ToString("N0", CultureInfo.InvariantCulture),
            summary.Unchanged.ToString("N0", CultureInfo.InvariantCulture),
            summary.Refused.Count.ToString("N0", CultureInfo.InvariantCulture),
            summary.Elapsed.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture),
            summary.RowsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
        console.Write(table);
        if (summary.Refused.Count == 0)
        {
            return;
        }

        var refusals = new Table().AddColumns("where", "why refused");
        foreach (var row in summary.Refused)
        {
            refusals.AddRow(Markup.Escape(row.Where), Markup.Escape(row.Reason));
        }

        console.MarkupLine("[red]Refused rows[/] (fix them and run the same command again: rows already applied are not applied twice):");
        console.Write(refusals);
    }

    private static bool AllIndependent(IRowSender sender, IEnumerable<(IReadOnlyList<ImportRow> Rows, Task<IReadOnlyList<RowOutcome>> Outcomes)> inFlight, IReadOnlyList<ImportRow> batch)
    {
        foreach (var (rows, _) in inFlight)
        {
            if (!sender.Independent(rows, batch))
            {
                return false;
            }
        }

        return true;
    }

    private static async IAsyncEnumerable<IReadOnlyList<ImportRow>> BatchesAsync(ImportFile file, IRowSender sender)
    {
        if (!sender.IsJson)
        {
            await foreach (var batch in file.CsvBatchesAsync(sender.RequiredColumns, sender.BatchSize).ConfigureAwait(false))
            {
                yield return batch;
            }

            yield break;
        }

        var items = await file.JsonItemsAsync().ConfigureAwait(false);
        for (var start = 0; start < items.Count; start += sender.BatchSize)
        {
            yield return items.Skip(start).Take(sender.BatchSize).ToList();
        }
    }
}
