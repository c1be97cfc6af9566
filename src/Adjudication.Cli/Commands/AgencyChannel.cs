using System.Security.Cryptography.X509Certificates;
using Adjudication.Node.Hosting;
using Adjudication.Node.Security;
using Grpc.Net.Client;

namespace Adjudication.Cli.Commands;

/// <summary>
/// A channel to a node this process started, presenting an agency's identity, through which the demo data is loaded
/// as the agency would load it (DESIGN.md §12): in the development mode the identity is named in a header; over mutual
/// TLS the CLI issues the agency a certificate in memory from the network's CA, whose key must sit beside the CA
/// certificate the node was given (as <c>adjudication certs</c> writes them).
/// </summary>
internal sealed class AgencyChannel : IDisposable
{
    private readonly X509Certificate2? _client;
    private readonly X509Certificate2? _ca;

    private AgencyChannel(GrpcChannel channel, X509Certificate2? client, X509Certificate2? ca)
    {
        Channel = channel;
        _client = client;
        _ca = ca;
    }

    /// <summary>The channel.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Refuses, before anything starts, a node whose CA key is not at hand: the agency could get no certificate.</summary>
    /// <exception cref="NodeConfigurationException">Over TLS, no <c>ca.key.pem</c> beside the CA certificate.</exception>
    public static void RequireCredentials(NodeOptions options)
    {
        if (!options.Plaintext && !File.Exists(CaKeyOf(options)))
        {
            throw new NodeConfigurationException(
                $"The demo data is loaded through the node's API as the agency of {options.Admdvs}, which needs a certificate of the network's CA, " +
                $"but there is no CA key at {CaKeyOf(options)}. Keep {CertificateAuthority.CaName}.key.pem beside --tls-ca (as 'adjudication certs' writes it), or pass --no-seed.");
        }
    }

    /// <summary>Opens a channel to <paramref name="address"/> (the node of <paramref name="options"/>) as <paramref name="agency"/>.</summary>
    public static AgencyChannel Open(NodeOptions options, string address, CallerIdentity agency)
    {
        address = Reachable(address);
        if (options.Plaintext)
        {
            return new AgencyChannel(SecureChannel.Plaintext(address, agency), null, null);
        }

        var ca = CertificateAuthority.LoadCa(Path.GetDirectoryName(CaKeyOf(options))!);
        var client = CertificateAuthority.Issue(ca, agency);
        return new AgencyChannel(SecureChannel.Create(address, client, ca), client, ca);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Channel.Dispose();
        _client?.Dispose();
        _ca?.Dispose();
    }

    private static string CaKeyOf(NodeOptions options) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.Tls.Ca)) ?? ".", CertificateAuthority.CaName + ".key.pem");

    // A node listening on every interface is called on loopback, a name its certificate always holds.
    private static string Reachable(string address)
    {
        var url = new Uri(address);
        return url.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*" ? $"{url.Scheme}://127.0.0.1:{url.Port}" : address;
    }
}
