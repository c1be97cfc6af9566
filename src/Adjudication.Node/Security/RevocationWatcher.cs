using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Adjudication.Node.Security;

/// <summary>
/// Reads the node's certificate revocation list again whenever its file changes (written anew by
/// <c>adjudication certs revoke</c> and copied to the node), within seconds, so a revoked certificate is refused without a restart:
/// at its next handshake, and on its next call over a connection already open. A file that cannot be used leaves the
/// previous list in force, and the error says why.
/// </summary>
internal sealed partial class RevocationWatcher(NodeCredentials? credentials, ILogger<RevocationWatcher> logger) : IHostedService, IDisposable
{
    private PhysicalFileProvider? _files;
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (credentials is not { Revocations.IsConfigured: true } loaded)
        {
            return Task.CompletedTask;
        }

        // Polled (every 4 s) rather than told by the file system, whose notices miss a file behind a symbolic link that
        // is swapped (a Kubernetes secret), a single-file bind mount and network file systems.
        var path = Path.GetFullPath(loaded.Revocations.Path);
        _files = new PhysicalFileProvider(Path.GetDirectoryName(path)!) { UsePollingFileWatcher = true, UseActivePolling = true };
        var name = Path.GetFileName(path);
        _subscription = ChangeToken.OnChange(() => _files.Watch(name), () => Reload(loaded));

        // Read once more: the file may have changed since the node's start read it, before the watch began.
        Reload(loaded);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _subscription?.Dispose();
        _files?.Dispose();
    }

    private void Reload(NodeCredentials loaded)
    {
        var revocations = loaded.Revocations;
        try
        {
            revocations.Reload(loaded.Ca);
            RevocationListRead(logger, revocations.Path, revocations.Count);
            if (revocations.IsRevoked(loaded.Certificate))
            {
                // It keeps serving with it (a node does not stop itself), but its peers refuse it from their next check.
                OwnCertificateRevoked(logger, revocations.Path, loaded.Certificate.SerialNumber);
            }
        }
        catch (NodeConfigurationException ex)
        {
            RevocationListNotRead(logger, revocations.Path, revocations.Count, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1701, EventName = "RevocationListRead", Level = LogLevel.Information, Message = "Certificate revocation list {Path} read: {Count} certificates revoked")]
    private static partial void RevocationListRead(ILogger logger, string path, int count);

    [LoggerMessage(EventId = 1702, EventName = "RevocationListNotRead", Level = LogLevel.Error, Message = "Certificate revocation list {Path} changed but cannot be used; the previous list ({Count} certificates revoked) stays in force: {Problem}")]
    private static partial void RevocationListNotRead(ILogger logger, string path, int count, string problem);

    [LoggerMessage(EventId = 1703, EventName = "OwnCertificateRevoked", Level = LogLevel.Critical, Message = "Certificate revocation list {Path} revokes this node's own certificate (serial {Serial}); its neighbours will refuse it. Issue the node a new certificate (adjudication certs issue --kind node) and restart it")]
    private static partial void OwnCertificateRevoked(ILogger logger, string path, string serial);
}
