using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Adjudication.Node.Security;

namespace Adjudication.Cli.Demo;

/// <summary>
/// A hospital system speaking the national JSON interface (issue 17): HTTP/1.1 over mutual TLS with the institution's
/// client certificate, one envelope per transaction posted to <c>/fsi/api/rsfComIfsService/callService</c>.
/// </summary>
public sealed class JsonTerminal : IDisposable
{
    private readonly HttpClient _client;
    private readonly string _city;
    private readonly TimeProvider _clock;
    private int _sequence;

    /// <summary>A terminal of <paramref name="code"/> (whose certificate is <paramref name="certificate"/>) calling the node at <paramref name="address"/>.</summary>
    public JsonTerminal(string address, string code, string city, X509Certificate2 certificate, X509Certificate2 ca, TimeProvider clock)
    {
        FixmedinsCode = code;
        _city = city;
        _clock = clock;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [certificate],
                RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                    (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 && presented is X509Certificate2 node && CertificateAuthority.IsIssuedBy(node, ca),
            },
        };
        _client = new HttpClient(handler) { BaseAddress = new Uri(address), DefaultRequestVersion = HttpVersion.Version11 };
    }

    /// <summary>The sender's code: the institution's, or an agency's for filings.</summary>
    public string FixmedinsCode { get; }

    /// <summary>Posts <paramref name="input"/> as transaction <paramref name="infno"/> and returns the answer envelope.</summary>
    public async Task<JsonElement> CallAsync(string infno, JsonObject input)
    {
        var envelope = new JsonObject
        {
            ["infno"] = infno,
            ["msgid"] = NextMsgid(),
            ["mdtrtarea_admvs"] = _city,
            ["insuplc_admdvs"] = _city,
            ["recer_sys_code"] = "FSI_LOCAL",
            ["infver"] = "V1.0",
            ["opter_type"] = "1",
            ["opter"] = "demo",
            ["opter_name"] = "demo",
            ["inf_time"] = _clock.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["fixmedins_code"] = FixmedinsCode,
            ["fixmedins_name"] = FixmedinsCode,
            ["sign_no"] = "",
            ["input"] = input,
        };
        using var content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/fsi/api/rsfComIfsService/callService", content).ConfigureAwait(false);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return answer.RootElement.Clone();
    }

    /// <summary>Posts a transaction that must succeed (infcode 0) and returns its output.</summary>
    /// <exception cref="InvalidOperationException">The node answered infcode −1; the message is its err_msg.</exception>
    public async Task<JsonElement> OkAsync(string infno, JsonObject input)
    {
        var answer = await CallAsync(infno, input).ConfigureAwait(false);
        return answer.GetProperty("infcode").GetInt32() == 0
            ? answer.GetProperty("output")
            : throw new InvalidOperationException($"{infno} refused: {answer.GetProperty("err_msg").GetString()}");
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private string NextMsgid() =>
        string.Concat(FixmedinsCode, _clock.GetLocalNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), (Interlocked.Increment(ref _sequence) % 10_000).ToString("D4", CultureInfo.InvariantCulture));
}
