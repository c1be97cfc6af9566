using System.Net;
using System.Text;
using System.Text.Json;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Network;
using Adjudication.Node.Security;
using static Adjudication.IntegrationTests.Infrastructure.World;

namespace Adjudication.IntegrationTests.Gateway;

/// <summary>
/// The JSON gateway on a plaintext development node (README "The national JSON interface"): without TLS there is no
/// ALPN, so the node stays HTTP/2 only (gRPC needs it) and the gateway answers over h2c with the caller named in the
/// development header; an HTTP/1.1 request is refused there by Kestrel (400) before it reaches the gateway.
/// </summary>
public sealed class GatewayDevelopmentModeTests
{
    [Fact]
    public async Task CallService_PlaintextNodeOverH2c_HeaderIdentityServedNoHeaderNoIdentityHttp11Refused()
    {
        // Arrange
        await using var dev = await TestNode.StartAsync(SharedRedis.Configuration, configure: o => { o.Url = "http://127.0.0.1:0"; o.Plaintext = true; });
        await World.SeedAsync(dev);
        var person = await dev.AddPersonAsync(balanceFen: 4_321);
        var body = "{\"infno\":\"1101\",\"msgid\":\"" + dev.NextMsgid() + "\",\"mdtrtarea_admvs\":\"140100\",\"insuplc_admdvs\":\"\",\"inf_time\":\"2026-06-15 10:00:00\"," +
            "\"fixmedins_code\":\"" + Hospital + "\",\"input\":{\"data\":{\"mdtrt_cert_type\":\"02\",\"mdtrt_cert_no\":\"" + person.CertNo + "\"}}}";
        using var h2c = new HttpClient { BaseAddress = new Uri(dev.Address), DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var http11 = new HttpClient { BaseAddress = new Uri(dev.Address), DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        // Act
        var named = await PostAsync(h2c, body, CallerIdentity.Institution(Hospital));
        var anonymous = await PostAsync(h2c, body, null);
        using var overHttp11 = new HttpRequestMessage(HttpMethod.Post, "/fsi/api/rsfComIfsService/callService") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var refused = await http11.SendAsync(overHttp11);

        // Assert
        Assert.Equal(0, named.GetProperty("infcode").GetInt32());
        Assert.Equal("43.21", named.GetProperty("output").GetProperty("insuinfo")[0].GetProperty("balc").GetRawText());
        Assert.StartsWith("[NO_IDENTITY]", anonymous.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
        // Kestrel's answer to HTTP/1.x on an HTTP/2-only endpoint ("An HTTP/1.x request was sent to an HTTP/2 only endpoint").
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpVersion.Version11, refused.Version);
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string body, CallerIdentity? caller)
    {
        // A request message of its own does not take the client's default version: set it, so h2c is prior knowledge.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fsi/api/rsfComIfsService/callService")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
            Version = client.DefaultRequestVersion,
            VersionPolicy = client.DefaultVersionPolicy,
        };
        if (caller is not null)
        {
            request.Headers.Add(NetworkHeaders.DevIdentity, caller.ToUri());
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {text}");
        using var answer = JsonDocument.Parse(text);
        return answer.RootElement.Clone();
    }
}
