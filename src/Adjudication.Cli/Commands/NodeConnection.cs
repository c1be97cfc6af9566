using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Adjudication.Node.Security;
using Grpc.Net.Client;

namespace Adjudication.Cli.Commands;

/// <summary>
/// The options every command that calls a node's API takes, and the channel they make: <c>--node</c> and either
/// <c>--cert</c>/<c>--key</c>/<c>--ca</c> (mutual TLS, the identity is the certificate's) or, for a development node
/// on http://, <c>--as</c> naming the identity (DESIGN.md §8). Held to one kind of caller: an agency for import, an
/// institution for reconcile.
/// </summary>
internal sealed class NodeConnection
{
    private readonly IdentityKind _kind;
    private readonly bool _operatorToo;
    private readonly string _who;
    private readonly string _example;

    private NodeConnection(IdentityKind kind, string who, string example, bool operatorToo = false)
    {
        _kind = kind;
        _operatorToo = operatorToo;
        _who = who;
        _example = example;
        Node = new Option<string>("--node") { Description = "The node's address: https://HOST:PORT, or http://127.0.0.1:PORT for a development node.", Required = true };
        Cert = new Option<FileInfo?>("--cert") { Description = $"The {who}'s certificate (PEM), from 'adjudication certs issue --kind {KindName}'." };
        Key = new Option<FileInfo?>("--key") { Description = $"The {who} certificate's private key (PEM)." };
        Ca = new Option<FileInfo?>("--ca") { Description = "The network CA's certificate (PEM), to check the node's." };
        As = new Option<string?>("--as") { Description = $"Development node only (http://): the identity to name, e.g. {example}." };
    }

    /// <summary>--node.</summary>
    public Option<string> Node { get; }

    /// <summary>--cert.</summary>
    public Option<FileInfo?> Cert { get; }

    /// <summary>--key.</summary>
    public Option<FileInfo?> Key { get; }

    /// <summary>--ca.</summary>
    public Option<FileInfo?> Ca { get; }

    /// <summary>--as.</summary>
    public Option<string?> As { get; }

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [Node, Cert, Key, Ca, As];

    private string KindName => _kind == IdentityKind.Agency ? "agency" : "institution";

    /// <summary>Connection options for an agency.</summary>
    public static NodeConnection Agency() => new(IdentityKind.Agency, "agency", "adjudication://agency/A14010000000?admdvs=140100");

    /// <summary>Connection options for an agency, or an operator where the command only reads (clearing statements, prepayment status).</summary>
    public static NodeConnection AgencyOrOperator() => new(IdentityKind.Agency, "agency or operator", "adjudication://agency/A14000000000?admdvs=140000", operatorToo: true);

    /// <summary>Connection options for an institution.</summary>
    public static NodeConnection Institution() => new(IdentityKind.Institution, "institution", "adjudication://institution/H14010000001?admdvs=140100");

    /// <summary>
    /// The channel to the node and the identity it calls as: the certificate's, or --as on a development node; throws
    /// <see cref="ArgumentException"/>, <see cref="IOException"/> or a cryptographic exception for options it cannot use.
    /// </summary>
    public (GrpcChannel Channel, CallerIdentity Caller) Open(ParseResult parse)
    {
        var address = parse.GetValue(Node)!;
        if (address.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            if (!CallerIdentity.TryParse(parse.GetValue(As), out var named) || !Allowed(named.Kind))
            {
                throw new ArgumentException($"--as must name the {_who} to call a development node as, e.g. --as {_example}");
            }

            return (SecureChannel.Plaintext(address, named), named);
        }

        var (cert, key, ca) = (parse.GetValue(Cert), parse.GetValue(Key), parse.GetValue(Ca));
        if (cert is null || key is null || ca is null)
        {
            throw new ArgumentException($"an https:// node needs --cert, --key (the {_who}'s certificate and key) and --ca (the network CA)");
        }

        var client = X509Certificate2.CreateFromPemFile(cert.FullName, key.FullName);
        if (CallerIdentity.FromCertificate(client) is not { } caller || !Allowed(caller.Kind))
        {
            throw new ArgumentException($"{cert.Name} is not an {_who}'s certificate; issue one with 'adjudication certs issue --kind {KindName}'");
        }

        var authority = X509CertificateLoader.LoadCertificateFromFile(ca.FullName);
        return (SecureChannel.Create(address, client, authority), caller);
    }

    private bool Allowed(IdentityKind kind) => kind == _kind || (_operatorToo && kind == IdentityKind.Operator);
}
