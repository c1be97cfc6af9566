using System.Diagnostics;
using Adjudication.Contracts.V1;
using Adjudication.IntegrationTests.Infrastructure;
using Adjudication.Node.Security;
using Grpc.Core;

namespace Adjudication.IntegrationTests;

/// <summary>
/// Revocation (DESIGN.md §8: trusted by nobody it should not trust): a node given the CA's revocation list
/// (<c>Node:Tls:Crl</c>) refuses a certificate the CA revoked, on the next call of a connection that was open when the
/// list changed and at every handshake after it, while other certificates go on; a list that cannot be used stops the
/// node from starting and says why.
/// </summary>
public sealed class RevocationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _crl = Path.Combine(TestCertificates.Folder, "revoked-" + Guid.NewGuid().ToString("N") + ".crl.pem");
    private TestNode? _node;

    private TestNode Node => _node ?? throw new InvalidOperationException("the node is not started");

    public async Task InitializeAsync()
    {
        // The list starts with a serial no certificate of the run has, so the node reads a real list from the start.
        File.WriteAllText(_crl, CertificateAuthority.Revoke(TestCertificates.Ca, null, ["01"], DateTimeOffset.UtcNow));
        _node = await TestNode.StartAsync(SharedRedis.Configuration, configure: o => o.Tls.Crl = _crl);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Ping_CertificateRevokedWhileConnected_RefusedOnItsNextCallAndAtItsNextHandshakeOthersGoOn()
    {
        // Arrange: an operator of its own, connected and answered.
        using var certificate = CertificateAuthority.Issue(TestCertificates.Ca, CallerIdentity.Operator("revoked-" + Guid.NewGuid().ToString("N")[..8]));
        using var connected = TestCertificates.Channel(Node.Address, certificate);
        var diagnostics = new DiagnosticsService.DiagnosticsServiceClient(connected);
        await diagnostics.PingAsync(new PingRequest());

        // Act: the CA revokes it and the new list replaces the node's file, as an operator copies it there.
        Replace(CertificateAuthority.Revoke(TestCertificates.Ca, File.ReadAllBytes(_crl), [RevocationList.SerialKey(certificate.SerialNumberBytes.Span)], DateTimeOffset.UtcNow));
        var refused = await NextRefusalAsync(diagnostics);
        using var reconnecting = TestCertificates.Channel(Node.Address, certificate);
        var handshake = await Assert.ThrowsAsync<RpcException>(() => new DiagnosticsService.DiagnosticsServiceClient(reconnecting).PingAsync(new PingRequest()).ResponseAsync);
        var other = await new DiagnosticsService.DiagnosticsServiceClient(Node.As(CallerIdentity.Operator("ops"))).PingAsync(new PingRequest());

        // Assert: the open connection's next call is refused by the node, naming the serial; a new connection is refused
        // at its handshake, which a node with a list never skips by resuming a session (UNAVAILABLE, or INTERNAL without
        // the node's details when the refusal overtakes the call, as TransportTests explains); another operator is answered.
        Assert.Equal((StatusCode.Unauthenticated, "NO_IDENTITY"), (refused.Code, refused.Reason));
        Assert.Contains($"(serial {certificate.SerialNumber}) is revoked by the network's CA", refused.Message, StringComparison.Ordinal);
        Assert.True(
            handshake.StatusCode == StatusCode.Unavailable || (handshake.StatusCode == StatusCode.Internal && handshake.Trailers.GetValueBytes("grpc-status-details-bin") is null),
            handshake.Status.ToString());
        Assert.NotNull(other);
    }

    [Fact]
    public async Task Start_RevocationListOfAnotherCa_NotStartedAndTheProblemNamesTheFile()
    {
        // Arrange
        using var other = CertificateAuthority.CreateCa("Adjudication test CA");
        var path = Path.Combine(TestCertificates.Folder, "foreign-" + Guid.NewGuid().ToString("N") + ".crl.pem");
        File.WriteAllText(path, CertificateAuthority.Revoke(other, null, ["01"], DateTimeOffset.UtcNow));

        // Act
        var error = await Assert.ThrowsAsync<NodeConfigurationException>(() => TestNode.StartAsync(SharedRedis.Configuration, configure: o => o.Tls.Crl = path));

        // Assert
        var problem = Assert.Single(error.Problems);
        Assert.StartsWith($"The certificate revocation list '{path}' cannot be used (its signature is not that of the CA 'CN=Adjudication test CA')", problem, StringComparison.Ordinal);
    }

    // Written beside and moved over, as 'adjudication certs revoke' writes it: the node reads a whole list.
    private void Replace(string crl)
    {
        File.WriteAllText(_crl + ".new", crl);
        File.Move(_crl + ".new", _crl, overwrite: true);
    }

    // Calls until the node refuses (it reads the list when the file changes), bounded.
    private static async Task<RpcFailure> NextRefusalAsync(DiagnosticsService.DiagnosticsServiceClient diagnostics)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await diagnostics.PingAsync(new PingRequest());
            }
            catch (RpcException ex)
            {
                return RpcAssert.Describe(ex);
            }

            Assert.True(clock.Elapsed < Patience, $"the node still answered the revoked certificate after {Patience}");
            await Task.Delay(50); // a poll interval, not a guess at how long the node takes
        }
    }
}
