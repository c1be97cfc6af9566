using System.CommandLine;
using Adjudication.Cli.Commands;
using Adjudication.Contracts.V1;
using Grpc.Core;
using Spectre.Console;

namespace Adjudication.Cli.Reconcile;

/// <summary>
/// <c>adjudication reconcile --node ADDRESS --institution CODE --from DATE --to DATE [--rows FILE]</c>: an institution
/// reconciles with its city's node (DESIGN.md §11). 3201 with the totals of the rows file (or of --medfee, --fund,
/// --acct, --count); when they do not balance and rows were given, 3202 with the rows, printing those that differ.
/// Exit 0 balanced, 1 not balanced, 2 when the command cannot run (bad options or file, or the node refused or did
/// not answer).
/// </summary>
internal static class ReconcileCommand
{
    // What one 3202 message carries (DetailStream.MaxRowsPerMessage at the node).
    private const int RowsPerMessage = 5_000;

    // Columns of the report when the output is not a terminal.
    private const int RedirectedWidth = 1_000;

    /// <summary>The command.</summary>
    public static Command Build()
    {
        var options = new ReconcileOptions();
        var connection = NodeConnection.Institution();
        var command = new Command("reconcile", "Reconcile an institution's settlements with its node: 3201 totals, then 3202 rows when they differ.");
        foreach (var option in options.All.Concat(connection.All))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            if (Console.IsOutputRedirected)
            {
                // Into a file or a pipe the report is read by programs and people searching it: a row stays on one
                // line instead of wrapping at 80 columns.
                console.Profile.Width = RedirectedWidth;
            }

            try
            {
                var (channel, caller) = connection.Open(parse);
                using (channel)
                {
                    var request = await options.TotalsRequestAsync(parse, caller).ConfigureAwait(false);
                    return await RunAsync(console, new ReconciliationService.ReconciliationServiceClient(channel), request, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or ReconcileFileException or OverflowException or System.Security.Cryptography.CryptographicException)
            {
                console.MarkupLineInterpolated($"[red]reconcile:[/] {ex.Message}");
                return 2;
            }
            catch (RpcException ex)
            {
                console.MarkupLineInterpolated($"[red]reconcile:[/] the node answered {ex.StatusCode}: {ex.Status.Detail}");
                return 2;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(
        IAnsiConsole console, ReconciliationService.ReconciliationServiceClient client, (ReconcileTotalsRequest Totals, List<ReconcileRow>? Rows) request, CancellationToken cancellationToken)
    {
        var totals = await client.ReconcileTotalsAsync(request.Totals, cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
        ReconcileReport.Totals(console, request.Totals, totals);
        if (totals.StmtRslt == "0")
        {
            return 0;
        }

        if (request.Rows is null)
        {
            console.MarkupLine("Run again with --rows FILE (the 3202 rows of the period) to find the rows that differ.");
            return 1;
        }

        var answers = await client.ReconcileDetails(cancellationToken: cancellationToken).ExchangeAsync(Parts(request.Totals, request.Rows)).ConfigureAwait(false);
        var results = answers.SelectMany(a => a.Results).ToList();
        var summary = answers.Count > 0 && answers[^1].Summary is { } last ? last : throw new RpcException(new Grpc.Core.Status(StatusCode.Internal, "the node ended 3202 without its summary"));
        ReconcileReport.Details(console, results, summary);
        return 1;
    }

    private static IEnumerable<ReconcileDetailsRequest> Parts(ReconcileTotalsRequest totals, List<ReconcileRow> rows)
    {
        var header = new ReconcileDetailsHeader
        {
            FixmedinsCode = totals.FixmedinsCode,
            SetlOptins = totals.SetlOptins,
            StmtBegndate = totals.StmtBegndate,
            StmtEnddate = totals.StmtEnddate,
            ClrType = totals.ClrType,
            Insutype = totals.Insutype,
        };
        var start = 0;
        do
        {
            var part = new ReconcileDetailsRequest { Header = start == 0 ? header : null };
            part.Rows.AddRange(rows.Skip(start).Take(RowsPerMessage));
            yield return part;
            start += RowsPerMessage;
        }
        while (start < rows.Count);
    }
}
