using System.CommandLine;
using Adjudication.Cli.Commands;
using Adjudication.Node.Security;
using Grpc.Core;
using Grpc.Net.Client;
using Spectre.Console;

namespace Adjudication.Cli.Import;

/// <summary>
/// <c>adjudication import --kind KIND --file FILE --node ADDRESS</c>: an agency loads its reference data into its node
/// through the API (DESIGN.md §12), under its own certificate. Exit 0 when every row was applied or already held,
/// 1 when any row was refused or the node stopped answering, 2 when the command or the file cannot be used at all.
/// </summary>
internal static class ImportCommand
{
    /// <summary>The command, with a sender for each kind that <paramref name="senders"/> makes for a channel.</summary>
    public static Command Build(IReadOnlyDictionary<string, Func<GrpcChannel, CallerIdentity, IRowSender>> senders)
    {
        var kinds = string.Join("|", senders.Keys);
        var kind = new Option<string>("--kind") { Description = $"What the file holds: {kinds}.", Required = true };
        kind.AcceptOnlyFromAmong([.. senders.Keys]);
        var file = new Option<FileInfo>("--file") { Description = "The file: CSV with a header line for row kinds, a JSON array for policies and zones (formats: README 'Reference data').", Required = true };
        var connection = NodeConnection.Agency();
        var command = new Command("import", "Load persons, institutions, accounts, policies or zones into a node through its API, with progress; a re-run of the same file changes nothing.")
        {
            kind, file,
        };
        foreach (var option in connection.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            GrpcChannel channel;
            CallerIdentity agency;
            try
            {
                (channel, agency) = connection.Open(parse);
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or System.Security.Cryptography.CryptographicException)
            {
                console.MarkupLineInterpolated($"[red]import:[/] {ex.Message}");
                return 2;
            }

            using (channel)
            {
                var sender = senders[parse.GetValue(kind)!](channel, agency);
                try
                {
                    using var opened = ImportFile.Open(parse.GetValue(file)!.FullName);
                    var summary = await ImportRun.RunAsync(console, opened, sender, cancellationToken).ConfigureAwait(false);
                    ImportRun.Report(console, summary);
                    return summary.Refused.Count == 0 ? 0 : 1;
                }
                catch (Exception ex) when (ex is ImportFileException or IOException or UnauthorizedAccessException)
                {
                    console.MarkupLineInterpolated($"[red]import:[/] {parse.GetValue(file)!.Name}: {ex.Message}.");
                    return 2;
                }
                catch (RpcException ex)
                {
                    console.MarkupLineInterpolated($"[red]import stopped:[/] the node answered {ex.StatusCode}: {ex.Status.Detail}");
                    console.MarkupLine("Rows before the failed batch were applied. Run the same command again: rows already applied are not applied twice.");
                    return 1;
                }
            }
        });
        return command;
    }
}
