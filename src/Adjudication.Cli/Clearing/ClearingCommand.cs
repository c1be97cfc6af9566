using System.CommandLine;
using Adjudication.Cli.Commands;
using Adjudication.Cli.Import;
using Adjudication.Contracts.V1;
using Adjudication.Node.Security;
using Grpc.Core;
using Spectre.Console;

namespace Adjudication.Cli.Clearing;

/// <summary>
/// <c>adjudication clearing --node ADDRESS --month YYYY-MM declare|confirm|pay|statement</c>: monthly clearing at a
/// provincial or the national node (DESIGN.md §11). declare (the treatment region's agency, --mdtrtarea), confirm and
/// pay (the insured region's agency, --mdtrtarea and --insured), statement (an agency of the node's regions, or an
/// operator). Exit 0 done (and, for confirm, matched), 1 confirmation found differences, 2 when the command cannot run.
/// </summary>
internal static class ClearingCommand
{
    /// <summary>The command.</summary>
    public static Command Build()
    {
        var command = new Command("clearing", "Monthly clearing between regions at a provincial or the national node: declare, confirm, pay, statement.");
        command.Subcommands.Add(Step("declare", "Declare a closed month for a treatment region (its agency): one declaration per insured region.", insured: false, DeclareAsync));
        command.Subcommands.Add(Step("confirm", "Confirm a declaration against the insured region's own records (its agency); differences listed settlement by settlement.", insured: true, ConfirmAsync));
        command.Subcommands.Add(Step("pay", "Mark a confirmed declaration paid (the insured region's agency); at the national node it repays the prepayment.", insured: true, PayAsync));
        command.Subcommands.Add(Step("statement", "The month's clearing matrix and each region's receivable, payable and net.", insured: null, StatementAsync));
        return command;
    }

    private delegate Task<int> Run(IAnsiConsole console, ClearingService.ClearingServiceClient client, Request request, CancellationToken cancellationToken);

    private sealed record Request(string Msgid, string Month, string Treatment, string Insured);

    // One subcommand: the connection, --month, --msgid and the regions it needs (insured: null for none at all).
    private static Command Step(string name, string description, bool? insured, Run run)
    {
        var connection = NodeConnection.AgencyOrOperator();
        var month = new Option<string>("--month") { Description = "The clearing month, YYYY-MM (China time).", Required = true };
        var msgid = new Option<string?>("--msgid") { Description = "The msgid of the step (A + 11 digits + yyyyMMddHHmmss + 4); by default a fresh one of the agency. Send the same again to repeat a step safely." };
        var treatment = new Option<string>("--mdtrtarea") { Description = "The treatment region (就医地): a city at a provincial node, a province at the national node.", Required = true };
        var insuredRegion = new Option<string>("--insured") { Description = "The insured region (参保地) of the declaration.", Required = true };
        var command = new Command(name, description);
        foreach (var option in connection.All.Append(month).Concat(insured is null ? [] : [msgid, treatment]).Concat(insured == true ? [insuredRegion] : []))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = ClearingReport.Console();
            try
            {
                var (channel, caller) = connection.Open(parse);
                using (channel)
                {
                    var request = new Request(
                        insured is null ? string.Empty : parse.GetValue(msgid) ?? NewMsgid(caller),
                        parse.GetValue(month)!,
                        insured is null ? string.Empty : parse.GetValue(treatment)!,
                        insured == true ? parse.GetValue(insuredRegion)! : string.Empty);
                    return await run(console, new ClearingService.ClearingServiceClient(channel), request, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                console.MarkupLineInterpolated($"[red]clearing {name}:[/] {ex.Message}");
                return 2;
            }
            catch (RpcException ex)
            {
                console.MarkupLineInterpolated($"[red]clearing {name}:[/] the node answered {ex.StatusCode}: {ex.Status.Detail}");
                return 2;
            }
        });
        return command;
    }

    private static async Task<int> DeclareAsync(IAnsiConsole console, ClearingService.ClearingServiceClient client, Request request, CancellationToken cancellationToken)
    {
        var answer = await client.DeclareClearingAsync(new DeclareClearingRequest { Msgid = request.Msgid, ClrMonth = request.Month, MdtrtareaAdmvs = request.Treatment }, cancellationToken: cancellationToken);
        console.MarkupLineInterpolated($"Declared {request.Month} for {request.Treatment} (msgid {request.Msgid}):");
        ClearingReport.Declarations(console, answer.Declarations);
        return 0;
    }

    private static async Task<int> ConfirmAsync(IAnsiConsole console, ClearingService.ClearingServiceClient client, Request request, CancellationToken cancellationToken)
    {
        var answer = await client.ConfirmClearingAsync(new ConfirmClearingRequest { Msgid = request.Msgid, ClrMonth = request.Month, MdtrtareaAdmvs = request.Treatment, InsuplcAdmdvs = request.Insured }, cancellationToken: cancellationToken);
        ClearingReport.Declarations(console, [answer.Declaration]);
        if (answer.Matched)
        {
            console.MarkupLineInterpolated($"[green]Confirmed[/]: every settlement matched the records of {request.Insured} (msgid {request.Msgid}).");
            return 0;
        }

        ClearingReport.Differences(console, answer.Differences);
        return 1;
    }

    private static async Task<int> PayAsync(IAnsiConsole console, ClearingService.ClearingServiceClient client, Request request, CancellationToken cancellationToken)
    {
        var answer = await client.PayClearingAsync(new PayClearingRequest { Msgid = request.Msgid, ClrMonth = request.Month, MdtrtareaAdmvs = request.Treatment, InsuplcAdmdvs = request.Insured }, cancellationToken: cancellationToken);
        ClearingReport.Declarations(console, [answer]);
        return 0;
    }

    private static async Task<int> StatementAsync(IAnsiConsole console, ClearingService.ClearingServiceClient client, Request request, CancellationToken cancellationToken)
    {
        ClearingReport.Statement(console, await client.GetClearingStatementAsync(new GetClearingStatementRequest { ClrMonth = request.Month }, cancellationToken: cancellationToken));
        return 0;
    }

    private static string NewMsgid(CallerIdentity caller) => caller.Kind == IdentityKind.Agency
        ? new AgencyMsgids(caller.Id, TimeProvider.System).Next()
        : throw new ArgumentException("a clearing step is taken by an agency; an operator reads statements only");
}
