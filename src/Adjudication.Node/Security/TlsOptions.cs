namespace Adjudication.Node.Security;

/// <summary>The node's certificate, its key and the network's CA, as PEM files (<c>Node:Tls:*</c>; DESIGN.md §8).</summary>
public sealed class TlsOptions
{
    /// <summary>The node's certificate (<c>adjudication certs issue --kind node</c> or <c>certs network</c>).</summary>
    public string Certificate { get; set; } = string.Empty;

    /// <summary>The node certificate's private key.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>The network CA's certificate: every caller and every peer must present a certificate it issued.</summary>
    public string Ca { get; set; } = string.Empty;

    /// <summary>
    /// The CA's certificate revocation list (<c>adjudication certs revoke</c>), optional: a certificate it lists is refused
    /// at the handshake, on every call and as a peer; the node reads the file again whenever it changes.
    /// </summary>
    public string Crl { get; set; } = string.Empty;

    /// <summary>Whether all three files are named.</summary>
    public bool IsConfigured => Certificate.Length > 0 && Key.Length > 0 && Ca.Length > 0;
}
