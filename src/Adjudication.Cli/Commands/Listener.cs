using Adjudication.Node.Security;

namespace Adjudication.Cli.Commands;

/// <summary>
/// How a local node listens: on <paramref name="Host"/>:<paramref name="Port"/> with mutual TLS from
/// <paramref name="Tls"/>, or in the development mode (<paramref name="Plaintext"/>, loopback only).
/// </summary>
internal sealed record Listener(string Host, int Port, bool Plaintext, TlsOptions Tls)
{
    public string Url => $"{(Plaintext ? "http" : "https")}://{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";
}
