using Adjudication.Node.Security;

namespace Adjudication.Cli.Commands;

/// <summary>
/// How a local node listens: at <paramref name="Url"/> with mutual TLS from <paramref name="Tls"/>, or in the development
/// mode (<paramref name="Plaintext"/>, loopback only). An empty URL lets the node listen where its topology entry says.
/// </summary>
internal sealed record Listener(string Url, bool Plaintext, TlsOptions Tls)
{
    /// <summary>A listener at <paramref name="host"/>:<paramref name="port"/> (port 0 picks a free one).</summary>
    public static Listener At(string host, int port, bool plaintext, TlsOptions tls) =>
        new(UrlOf(host, port, plaintext), plaintext, tls);

    /// <summary>The URL of <paramref name="host"/>:<paramref name="port"/> in the scheme of the mode.</summary>
    public static string UrlOf(string host, int port, bool plaintext) =>
        $"{(plaintext ? "http" : "https")}://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}";
}
