using DevTools.Protocol.Transport;

namespace DevTools.Server.Hosting;

/// <summary>
/// <c>serve --stdio</c> when another backend already serves the workspace: the editor's stdio is joined byte
/// for byte to that backend's socket (both sides use the same framing), so there is still one engine per workspace.
/// </summary>
internal static class StdioRelay
{
    private static readonly TimeSpan ConnectWait = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(WorkspaceEndpoint endpoint, Stream stdin, Stream stdout, BackendLog log, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ConnectWait;
        Stream? backend;
        // The other backend takes its lock before it listens: give it the time to start.
        while ((backend = await endpoint.TryConnectAsync(cancellationToken).ConfigureAwait(false)) is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                log.Write($"The backend holding {endpoint.LockPath} does not answer on {endpoint.Address}.");
                return 1;
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
        await using (backend)
        {
            log.Write($"Relaying stdio to {endpoint.Address}");
            var toBackend = CopyAsync(stdin, backend, cancellationToken);
            var toEditor = CopyAsync(backend, stdout, cancellationToken);
            await Task.WhenAny(toBackend, toEditor).ConfigureAwait(false);
        }
        return 0;
    }

    private static async Task CopyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                await to.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
    }
}
