using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Adjudication.Node.Security;

namespace Adjudication.LoadTest.Scenarios;

/// <summary>
/// A settle (2207) as a hospital system sends it through the node's national JSON interface (issue 17): one envelope
/// posted to <c>/fsi/api/rsfComIfsService/callService</c>, the answer read and its infcode checked. Over mutual TLS it
/// speaks HTTP/1.1, as HIS do (a pool of connections, one per caller in flight); against a plaintext development node
/// HTTP/2 cleartext (h2c), the only protocol that node serves, naming the institution in the development header.
/// </summary>
public sealed class JsonSettlement : IDisposable
{
    private const string Path = "/fsi/api/rsfComIfsService/callService";
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _client;
    private readonly string _fixmedinsCode;
    private readonly string _treatmentCity;
    private readonly string _insuredCity;

    /// <summary>A client of <paramref name="address"/> as <paramref name="institution"/>; <paramref name="ca"/> null for a plaintext node.</summary>
    public JsonSettlement(string address, CallerIdentity institution, X509Certificate2? ca, string treatmentCity, string insuredCity)
    {
        ArgumentNullException.ThrowIfNull(institution);
        _fixmedinsCode = institution.Id;
        _treatmentCity = treatmentCity;
        _insuredCity = insuredCity;
        var handler = new SocketsHttpHandler { PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 64 };
        if (ca is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [CertificateAuthority.Issue(ca, institution)],
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is X509Certificate2 node && CertificateAuthority.IsIssuedBy(node, ca),
            };
        }

        _client = new HttpClient(handler)
        {
            BaseAddress = new Uri(address),
            DefaultRequestVersion = ca is null ? HttpVersion.Version20 : HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (ca is null)
        {
            _client.DefaultRequestHeaders.Add(Node.Network.NetworkHeaders.DevIdentity, institution.ToUri());
        }
    }

    /// <summary>Settles visit <paramref name="mdtrtId"/> of <paramref name="psnNo"/> under <paramref name="msgid"/>; throws unless infcode is 0.</summary>
    public async Task SettleAsync(string psnNo, string mdtrtId, string msgid)
    {
        using var content = new ByteArrayContent(Envelope(psnNo, mdtrtId, msgid));
        content.Headers.ContentType = Json;
        using var response = await _client.PostAsync(Path, content).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        using var answer = JsonDocument.Parse(body);
        if (answer.RootElement.GetProperty("infcode").GetInt32() != 0)
        {
            throw new InvalidOperationException($"2207 answered infcode -1: {answer.RootElement.GetProperty("err_msg").GetString()}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private byte[] Envelope(string psnNo, string mdtrtId, string msgid)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("infno", "2207");
            w.WriteString("msgid", msgid);
            w.WriteString("mdtrtarea_admvs", _treatmentCity);
            w.WriteString("insuplc_admdvs", _insuredCity);
            w.WriteString("recer_sys_code", "FSI_LOCAL");
            w.WriteString("infver", "V1.0");
            w.WriteString("opter_type", "1");
            w.WriteString("opter", "load");
            w.WriteString("opter_name", "load");
            w.WriteString("inf_time", DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            w.WriteString("fixmedins_code", _fixmedinsCode);
            w.WriteString("fixmedins_name", _fixmedinsCode);
            w.WriteString("sign_no", string.Empty);
            w.WriteStartObject("input");
            w.WriteStartObject("data");
            w.WriteString("psn_no", psnNo);
            w.WriteString("mdtrt_id", mdtrtId);
            w.WriteString("med_type", "21");
            w.WriteString("insutype", "310");
            w.WriteString("acct_used_flag", "1");
            w.WriteNumber("medfee_sumamt", 0);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
