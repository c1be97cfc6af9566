using System.CommandLine;
using Adjudication.Cli.Commands;
using Adjudication.Cli.Import;
using Adjudication.Cli.Reconcile;
using Adjudication.Contracts.V1;
using Adjudication.Node.Security;
using Grpc.Core;
using Spectre.Console;

namespace Adjudication.Cli.Clearing;

/// <summary>
/// <c>adjudication prepayment --node ADDRESS deposit|top-up|status</c>: the prepayment (预付金) of an insured province at
/// the national node (DESIGN.md §11). deposit and top-up by the province's agency (--province, --amount in yuan);
/// status by that agency or an operator (every province without --province), with the history of warnings.
/// Exit 0 green, 1 when a printed province is yellow or red, 2 when the command cannot run.
/// </summary>
internal static class PrepaymentCommand
{
    /// <summary>The command.</summary>
    public static Command Build()
    {
        var command = new Command("prepayment", "The prepayment of each insured province at the national node: deposit, top-up, status with its 70%/90% warnings.");
        command.Subcommands.Add(Fund("deposit", "Deposit a province's prepayment (its agency).", topUp: false));
        command.Subcommands.Add(Fund("top-up", "An emergency top-up (紧急调增) of a province's prepayment (its agency).", topUp: true));
        command.Subcommands.Add(Status());
        return command;
    }

    private static Command Fund(string name, string description, bool topUp)
    {
        var connection = NodeConnection.AgencyOrOperator();
        var province = new Option<string>("--province") { Description = "The insured province, PP0000.", Required = true };
        var amount = new Option<string>("--amount") { Description = "Yuan, e.g. 1500000.00.", Required = true };
        var msgid = new Option<string?>("--msgid") { Description = "The msgid; by default a fresh one of the agency. The same msgid again repeats the call safely." };
        var command = new Command(name, description);
        foreach (var option in connection.All.Concat([province, amount, msgid]))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => RunAsync(name, connection, parse, async (client, caller) =>
        {
            if (!YuanText.TryParse(parse.GetValue(amount)!, out var fen, out var problem))
            {
                throw new ArgumentException($"--amount: {problem}");
            }

            var request = new DepositPrepaymentRequest
            {
                Msgid = parse.GetValue(msgid) ?? (caller.Kind == IdentityKind.Agency ? new AgencyMsgids(caller.Id, TimeProvider.System).Next() : throw new ArgumentException("a prepayment is deposited by the province's agency")),
                InsuplcAdmdvs = parse.GetValue(province)!,
                Amount = fen,
                TopUp = topUp,
            };
            var status = await client.DepositPrepaymentAsync(request, cancellationToken: cancellationToken);
            return [new ProvincePrepayment { Status = status }];
        }, history: false));
        return command;
    }

    private static Command Status()
    {
        var connection = NodeConnection.AgencyOrOperator();
        var province = new Option<string?>("--province") { Description = "The insured province, PP0000; every province when left out (operators)." };
        var command = new Command("status", "Each province's prepayment, usage and warning level, with the history of level changes.");
        foreach (var option in connection.All.Append(province))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => RunAsync("status", connection, parse, async (client, _) =>
            (await client.GetPrepaymentAsync(new GetPrepaymentRequest { InsuplcAdmdvs = parse.GetValue(province) ?? string.Empty }, cancellationToken: cancellationToken)).Provinces, history: true));
        return command;
    }

    private static async Task<int> RunAsync(
        string name, NodeConnection connection, ParseResult parse, Func<PrepaymentService.PrepaymentServiceClient, CallerIdentity, Task<IEnumerable<ProvincePrepayment>>> call, bool history)
    {
        var console = ClearingReport.Console();
        try
        {
            var (channel, caller) = connection.Open(parse);
            using (channel)
            {
                var provinces = (await call(new PrepaymentService.PrepaymentServiceClient(channel), caller).ConfigureAwait(false)).ToList();
                ClearingReport.Prepayments(console, provinces, history);
                return provinces.Any(p => p.Status.Level is PrepaymentLevel.Yellow or PrepaymentLevel.Red) ? 1 : 0;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            console.MarkupLineInterpolated($"[red]prepayment {name}:[/] {ex.Message}");
            return 2;
        }
        catch (RpcException ex)
        {
            console.MarkupLineInterpolated($"[red]prepayment {name}:[/] the node answered {ex.StatusCode}: {ex.Status.Detail}");
            return 2;
        }
    }
}
