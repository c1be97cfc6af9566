using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
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
        var node = new Option<string>("--node") { Description = "The node's address: https://HOST:PORT, or http://127.0.0.1:PORT for a development node.", Required = true };
        var cert = new Option<FileInfo?>("--cert") { Description = "The agency's certificate (PEM), from 'adjudication certs issue --kind agency'." };
        var key = new Option<FileInfo?>("--key") { Description = "The agency certificate's private key (PEM)." };
        var ca = new Option<FileInfo?>("--ca") { Description = "The network CA's certificate (PEM), to check the node's." };
        var identity = new Option<string?>("--as") { Description = "Development node only (http://): the identity to name, e.g. adjudication://agency/A14010000000?admdvs=140100." };
        var command = new Command("import", "Load persons, institutions, accounts, policies or zones into a node through its API, with progress; a re-run of the same file changes nothing.")
        {
            kind, file, node, cert, key, ca, identity,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            GrpcChannel channel;
            CallerIdentity agency;
            try
            {
                (channel, agency) = Channel(parse.GetValue(node)!, parse.GetValue(cert), parse.GetValue(key), parse.GetValue(ca), parse.GetValue(identity));
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

    // The channel to the node and the agency it calls as: the certificate's identity, or --as on a development node.
    private static (GrpcChannel Channel, CallerIdentity Agency) Channel(string address, FileInfo? cert, FileInfo? key, FileInfo? ca, string? identity)
    {
        if (address.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            if (!CallerIdentity.TryParse(identity, out var named) || named.Kind != IdentityKind.Agency)
            {
                throw new ArgumentException("--as must name the agency to call a development node as, e.g. --as adjudication://agency/A14010000000?admdvs=140100");
            }

            return (SecureChannel.Plaintext(address, named), named);
        }

        if (cert is null || key is null || ca is null)
        {
            throw new ArgumentException("an https:// node needs --cert, --key (the agency's certificate and key) and --ca (the network CA)");
        }

        var client = X509Certificate2.CreateFromPemFile(cert.FullName, key.FullName);
        if (CallerIdentity.FromCertificate(client) is not { Kind: IdentityKind.Agency } agency)
        {
            throw new ArgumentException($"{cert.Name} is not an agency's certificate; issue one with 'adjudication certs issue --kind agency'");
        }

        var authority = X509CertificateLoader.LoadCertificateFromFile(ca.FullName);
        return (SecureChannel.Create(address, client, authority), agency);
    }
}
