using System.CommandLine;
using Adjudication.Domain.Divisions;
using Adjudication.Domain.Institutions;
using Adjudication.Node.Network;
using Adjudication.Node.Security;
using Spectre.Console;

namespace Adjudication.Cli.Commands;

/// <summary>
/// <c>adjudication certs</c>: the network's CA and the certificates of its nodes, institutions, agencies and operators
/// (DESIGN.md §8), with .NET's own cryptography. Every file is unencrypted PEM; keep the CA key offline once issued.
/// </summary>
internal static class CertsCommand
{
    public static Command Build()
    {
        var command = new Command("certs", "Make the network's CA and issue certificates (mutual TLS identities, see README 'Security').");
        command.Subcommands.Add(Ca());
        command.Subcommands.Add(Issue());
        command.Subcommands.Add(Network());
        command.Subcommands.Add(Revoke());
        return command;
    }

    private static Option<string> Out() => new("--out") { Description = "Folder to write the PEM files to (created when missing).", Required = true };

    private static Command Ca()
    {
        var output = Out();
        var command = new Command("ca", "Make a new CA: DIR/ca.crt.pem (give it to every node and client) and DIR/ca.key.pem (keep it secret).") { output };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(output)!;
            if (File.Exists(Path.Combine(dir, CertificateAuthority.CaName + ".key.pem")))
            {
                return Fail($"{dir} already holds a CA; refusing to overwrite it (every certificate it issued would stop working). Choose another --out.");
            }

            using var ca = CertificateAuthority.CreateCa();
            var (cert, key) = CertificateAuthority.Write(ca, dir, CertificateAuthority.CaName);
            AnsiConsole.MarkupLineInterpolated($"[green]CA made[/], valid until {ca.NotAfter:yyyy-MM-dd}: {cert} and {key}");
            return 0;
        });
        return command;
    }

    private static Command Issue()
    {
        var caDir = new Option<string>("--ca") { Description = "Folder of the CA (ca.crt.pem and ca.key.pem).", Required = true };
        var kind = new Option<string>("--kind") { Description = "node, institution, agency or operator.", Required = true };
        kind.AcceptOnlyFromAmong("node", "institution", "agency", "operator");
        var id = new Option<string>("--id") { Description = "Topology id (node), fixmedins_code (institution), agency code, or operator name.", Required = true };
        var admdvs = new Option<string?>("--admdvs") { Description = "Agency: the division it serves (city PPCC00 or province PP0000), required. Institution: its city, optional." };
        var hosts = new Option<string[]>("--host") { Description = "Node: a host name or IP address it is reached at (repeatable); localhost and 127.0.0.1 are always included.", AllowMultipleArgumentsPerToken = true };
        var output = Out();
        var command = new Command("issue", "Issue a certificate: DIR/ID.crt.pem and DIR/ID.key.pem.") { caDir, kind, id, admdvs, hosts, output };
        command.SetAction(parse =>
        {
            var identity = IdentityOf(parse.GetValue(kind)!, parse.GetValue(id)!, parse.GetValue(admdvs), out var problem);
            if (identity is null)
            {
                return Fail(problem);
            }

            if (!TryLoadCa(parse.GetValue(caDir)!, out var ca, out problem))
            {
                return Fail(problem);
            }

            using (ca)
            {
                using var issued = CertificateAuthority.Issue(ca, identity, parse.GetValue(hosts));
                var (cert, key) = CertificateAuthority.Write(issued, parse.GetValue(output)!, identity.Id);
                AnsiConsole.MarkupLineInterpolated($"[green]Issued[/] {identity.ToUri()} until {issued.NotAfter:yyyy-MM-dd}: {cert} and {key}");
            }

            return 0;
        });
        return command;
    }

    private static Command Network()
    {
        var topology = new Option<string>("--topology") { Description = "The network's topology file.", Required = true };
        var caDir = new Option<string?>("--ca") { Description = "Folder of the CA; default: the --out folder, where a CA is made when there is none." };
        var output = Out();
        var command = new Command("network", "Issue one node certificate per node of a topology, for the hosts of its addresses.") { topology, caDir, output };
        command.SetAction(parse =>
        {
            NetworkTopology network;
            try
            {
                network = NetworkTopology.Load(parse.GetValue(topology)!);
                network.Validate(requireAddresses: false);
            }
            catch (TopologyException ex)
            {
                return Fail(ex.Message);
            }

            var dir = parse.GetValue(output)!;
            var caFolder = parse.GetValue(caDir) ?? dir;
            if (!File.Exists(Path.Combine(caFolder, CertificateAuthority.CaName + ".key.pem")))
            {
                using var made = CertificateAuthority.CreateCa();
                CertificateAuthority.Write(made, caFolder, CertificateAuthority.CaName);
                AnsiConsole.MarkupLineInterpolated($"[green]CA made[/] in {caFolder}");
            }

            if (!TryLoadCa(caFolder, out var ca, out var problem))
            {
                return Fail(problem);
            }

            if (network.Nodes.FirstOrDefault(n => string.Equals(n.Id, CertificateAuthority.CaName, StringComparison.OrdinalIgnoreCase)) is { } clash)
            {
                ca.Dispose();
                return Fail($"Node id '{clash.Id}' would overwrite the CA's own files; rename the node in the topology.");
            }

            using (ca)
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumn("node").AddColumn("hosts").AddColumn("certificate");
                foreach (var node in network.Nodes)
                {
                    var hosts = node.Addresses.Select(a => Uri.TryCreate(a, UriKind.Absolute, out var u) ? u.Host : null).OfType<string>().Distinct().ToArray();
                    using var issued = CertificateAuthority.Issue(ca, CallerIdentity.Node(node.Id), hosts);
                    var (cert, _) = CertificateAuthority.Write(issued, dir, node.Id);
                    table.AddRow(node.Id, string.Join(", ", hosts.Prepend("localhost, 127.0.0.1")), cert);
                }

                AnsiConsole.Write(table);
            }

            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var caDir = new Option<string>("--ca") { Description = "Folder of the CA (ca.crt.pem and ca.key.pem); the list is DIR/ca.crl.pem.", Required = true };
        var certificates = new Option<string[]>("--certificate") { Description = "A certificate to revoke (PEM), e.g. DIR/H14010000001.crt.pem (repeatable).", AllowMultipleArgumentsPerToken = true };
        var serials = new Option<string[]>("--serial") { Description = "A serial number to revoke, hexadecimal (as a node's refusal or 'openssl x509 -serial' shows it; ':' allowed; repeatable).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("revoke", "Revoke certificates: add them to DIR/ca.crl.pem, signed by the CA. Copy that file to every node (--tls-crl, Node:Tls:Crl); a node reads it again when it changes.")
        {
            caDir, certificates, serials,
        };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(caDir)!;
            if (!TryLoadCa(dir, out var ca, out var problem))
            {
                return Fail(problem);
            }

            using (ca)
            {
                var keys = SerialsToRevoke(parse.GetValue(certificates) ?? [], parse.GetValue(serials) ?? [], ca, out problem);
                if (keys is null)
                {
                    return Fail(problem);
                }

                var path = Path.Combine(dir, CertificateAuthority.CrlFile);
                byte[]? current;
                IReadOnlyList<string> listed;
                try
                {
                    current = File.Exists(path) ? File.ReadAllBytes(path) : null;
                    listed = current is null ? [] : RevocationList.Read(current, ca).Serials;
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
                {
                    // A new, empty list would take back every revocation the nodes hold: refuse rather than start one.
                    return Fail($"{path} cannot be read ({ex.Message}); restore the list this CA wrote last (from a node's --tls-crl copy or a backup) and revoke again.");
                }

                var added = keys.Except(listed, StringComparer.Ordinal).ToList();
                foreach (var key in keys.Except(added, StringComparer.Ordinal))
                {
                    AnsiConsole.MarkupLineInterpolated($"Serial {key} is revoked already.");
                }

                if (added.Count == 0)
                {
                    AnsiConsole.MarkupLineInterpolated($"{path} is unchanged ({listed.Count} revoked).");
                    return 0;
                }

                // Written beside and moved over the list, so a reader sees the old list or the new one, never half of one.
                var written = $"{path}.{Guid.NewGuid():N}.new";
                try
                {
                    File.WriteAllText(written, CertificateAuthority.Revoke(ca, current, added, DateTimeOffset.UtcNow));
                    File.Move(written, path, overwrite: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
                {
                    File.Delete(written);
                    return Fail($"{path} could not be written ({ex.Message}); it is unchanged.");
                }

                var named = added.Count == 1 ? $"serial {added[0]}" : $"{added.Count} serials";
                AnsiConsole.MarkupLineInterpolated($"[green]Revoked[/] {named}: {path} lists {listed.Count + added.Count}. Copy it to every node (--tls-crl); each refuses a revoked certificate from its next call.");
            }

            return 0;
        });
        return command;
    }

    // The serials to revoke, as the list compares them (each once): from certificate files (which this CA must have
    // issued) and as given.
    private static List<string>? SerialsToRevoke(string[] certificatePaths, string[] serials, System.Security.Cryptography.X509Certificates.X509Certificate2 ca, out string problem)
    {
        problem = string.Empty;
        if (certificatePaths.Length + serials.Length == 0)
        {
            problem = "Name what to revoke with --certificate FILE or --serial HEX (either repeatable).";
            return null;
        }

        var keys = new List<string>();
        foreach (var serial in serials)
        {
            var hex = serial.Replace(":", string.Empty, StringComparison.Ordinal).Trim();
            hex = hex.Length % 2 == 1 ? "0" + hex : hex;
            if (hex.Length is 0 or > 64 || !hex.All(char.IsAsciiHexDigit))
            {
                problem = $"--serial '{serial}' is not a serial number: 1 to 64 hexadecimal digits.";
                return null;
            }

            keys.Add(RevocationList.SerialKey(Convert.FromHexString(hex)));
        }

        foreach (var path in certificatePaths)
        {
            try
            {
                using var presented = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(path);
                // By signature, not by name: two CAs made by 'certs ca' carry the same name.
                if (!CertificateAuthority.IsIssuedBy(presented, ca))
                {
                    problem = $"{path} was not issued by this CA (or has expired, and needs no revoking); revoke it with the CA that issued it.";
                    return null;
                }

                keys.Add(RevocationList.SerialKey(presented.SerialNumberBytes.Span));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                problem = $"{path} cannot be read as a certificate ({ex.Message}).";
                return null;
            }
        }

        return [.. keys.Distinct(StringComparer.Ordinal)];
    }

    private static CallerIdentity? IdentityOf(string kind, string id, string? admdvs, out string problem)
    {
        problem = string.Empty;
        if (admdvs is not null && !Admdvs.IsValid(admdvs))
        {
            problem = $"--admdvs '{admdvs}' is not a 6-digit division code (e.g. 140100 for a city, 140000 for a province).";
            return null;
        }

        CallerIdentity? identity = kind switch
        {
            "institution" when FixmedinsCode.IsValid(id) => CallerIdentity.Institution(id, admdvs is null ? null : Admdvs.CityOf(admdvs)),
            "institution" => null,
            "agency" when admdvs is not null => CallerIdentity.Agency(id, Admdvs.IsProvince(admdvs) ? admdvs : Admdvs.CityOf(admdvs)),
            "agency" => null,
            "node" => CallerIdentity.Node(id),
            _ => CallerIdentity.Operator(id),
        };
        if (string.Equals(id, CertificateAuthority.CaName, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"--id '{id}' would overwrite the CA's own files in the folder; choose another id.";
            return null;
        }

        if (identity is null || !CallerIdentity.TryParse(identity.ToUri(), out _))
        {
            problem = kind switch
            {
                "institution" => $"--id '{id}' is not a fixmedins_code: H or P followed by 11 digits (e.g. H14010000001).",
                "agency" when admdvs is null => "An agency needs --admdvs: the city (PPCC00) or province (PP0000) it serves.",
                _ => $"--id '{id}' must be 1-{CallerIdentity.MaxIdLength} letters, digits, '-', '_' or '.'.",
            };
            return null;
        }

        return identity;
    }

    private static bool TryLoadCa(string dir, out System.Security.Cryptography.X509Certificates.X509Certificate2 ca, out string problem)
    {
        try
        {
            ca = CertificateAuthority.LoadCa(dir);
            problem = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            ca = null!;
            problem = $"No CA could be read from {dir} ({ex.Message}); make one with 'adjudication certs ca --out {dir}'.";
            return false;
        }
    }

    private static int Fail(string message)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]Not done.[/] {message}");
        return 2;
    }
}
