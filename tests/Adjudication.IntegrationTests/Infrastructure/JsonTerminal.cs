using System.Net;
using System.Net.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Adjudication.Node.Security;

namespace Adjudication.IntegrationTests.Infrastructure;

/// <summary>
/// A hospital system (HIS) speaking the national JSON interface to a node (issue 17): a real <see cref="HttpClient"/>
/// over TLS presenting the client certificate of <see cref="Identity"/>, HTTP/1.1 unless told otherwise, posting
/// envelopes to <c>/fsi/api/rsfComIfsService/callService</c> and reading the answer envelopes.
/// </summary>
public sealed class JsonTerminal : IDisposable
{
    /// <summary>The path HIS vendors configure.</summary>
    public const string CallService = "/fsi/api/rsfComIfsService/callService";

    private readonly HttpClient _client;
    private readonly TestNode _node;

    /// <summary>
    /// A terminal of <paramref name="identity"/> calling <paramref name="node"/> over <paramref name="version"/> (default
    /// HTTP/1.1); with <paramref name="presentCertificate"/> false it connects without a client certificate.
    /// </summary>
    public JsonTerminal(TestNode node, CallerIdentity identity, Version? version = null, bool presentCertificate = true)
    {
        _node = node;
        Identity = identity;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = presentCertificate ? [TestCertificates.For(identity)] : null,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is System.Security.Cryptography.X509Certificates.X509Certificate2 presented && CertificateAuthority.IsIssuedBy(presented, TestCertificates.Ca),
            },
        };
        _client = new HttpClient(handler)
        {
            BaseAddress = new Uri(node.Address),
            DefaultRequestVersion = version ?? HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>Who the terminal is (its certificate).</summary>
    public CallerIdentity Identity { get; }

    /// <summary>The HTTP version of the last answer.</summary>
    public Version? LastVersion { get; private set; }

    /// <summary>A fresh msgid of this terminal's sender code.</summary>
    public string NextMsgid() => _node.NextMsgid(Identity.Id);

    /// <summary>An envelope of <paramref name="infno"/> around <paramref name="input"/>, as a HIS fills it.</summary>
    public JsonObject Envelope(string infno, JsonObject input, string insuplc = "", string? msgid = null) => new()
    {
        ["infno"] = infno,
        ["msgid"] = msgid ?? NextMsgid(),
        ["mdtrtarea_admvs"] = _node.Options.Admdvs,
        ["insuplc_admdvs"] = insuplc,
        ["recer_sys_code"] = "FSI_LOCAL",
        ["dev_no"] = "",
        ["dev_safe_info"] = "",
        ["cainfo"] = "",
        ["signtype"] = "",
        ["infver"] = "V1.0",
        ["opter_type"] = "1",
        ["opter"] = "0001",
        ["opter_name"] = "收费员",
        ["inf_time"] = "2026-06-15 10:00:00",
        ["fixmedins_code"] = Identity.Id,
        ["fixmedins_name"] = "测试医院",
        ["sign_no"] = "",
        ["input"] = input,
    };

    /// <summary>Posts an envelope; the answer must be HTTP 200 and its envelope is returned.</summary>
    public async Task<JsonElement> CallAsync(JsonObject envelope, string path = CallService)
    {
        var (status, answer) = await PostAsync(envelope.ToJsonString(), path);
        Assert.True(status == HttpStatusCode.OK, $"HTTP {(int)status}: {answer}");
        return answer;
    }

    /// <summary>Posts an envelope and asserts infcode 0; returns its output.</summary>
    public async Task<JsonElement> OkAsync(JsonObject envelope, string path = CallService)
    {
        var answer = await CallAsync(envelope, path);
        Assert.True(answer.GetProperty("infcode").GetInt32() == 0, $"infcode not 0: {answer}");
        return answer.GetProperty("output");
    }

    /// <summary>Posts raw bytes; returns the HTTP status and the answer envelope (every answer is one, 4xx included).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Answer)> PostAsync(string body, string path = CallService)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(path, content);
        LastVersion = response.Version;
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
