using DevTools.Protocol.Transport;

namespace DevTools.Server.Hosting;

/// <summary>What <c>devtools serve</c> runs: a backend on the workspace socket, or on stdio for an editor.</summary>
public static class BackendRunner
{
    /// <summary>Serves until <c>lambda/shutdown</c>, the idle grace period, or <paramref name="cancellationToken"/> (Ctrl+C, SIGTERM).</summary>
    public static async Task<int> RunAsync(BackendOptions options, BackendLog log, CancellationToken cancellationToken)
    {
        BackendHost host;
        try { host = await BackendHost.StartAsync(options, log, listen: true, cancellationToken).ConfigureAwait(false); }
        catch (BackendAlreadyRunningException e)
        {
            log.Write(e.Message);
            return BackendExitCodes.AlreadyRunning;
        }
        await using (host.ConfigureAwait(false))
        {
            var reason = await UntilAsync(host.ShutdownRequested, cancellationToken).ConfigureAwait(false);
            log.Write("Stopping: " + reason);
        }
        return BackendExitCodes.Ok;
    }

    /// <summary>
    /// Serves one editor over stdin/stdout and, so other clients share its engine, the workspace socket too.
    /// When another backend already serves the workspace, stdio is relayed to it instead. Ends with the stdio connection.
    /// </summary>
    public static async Task<int> RunStdioAsync(BackendOptions options, Stream stdin, Stream stdout, BackendLog log, CancellationToken cancellationToken)
    {
        BackendHost host;
        try { host = await BackendHost.StartAsync(options, log, listen: true, cancellationToken).ConfigureAwait(false); }
        catch (BackendAlreadyRunningException)
        {
            return await StdioRelay.RunAsync(WorkspaceEndpoint.For(options.Workspace, options.RuntimeDirectory), stdin, stdout, log, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            log.Write($"The workspace socket is unavailable ({e.Message}); serving stdio only.");
            host = await BackendHost.StartAsync(options, log, listen: false, cancellationToken).ConfigureAwait(false);
        }
        await using (host.ConfigureAwait(false))
        {
            var connection = host.ServeAsync(ProtocolJson.CreateMessageHandler(stdout, stdin), "stdio");
            var reason = await UntilAsync(Task.WhenAny(connection.ContinueWith(_ => "the stdio client left", TaskScheduler.Default), host.ShutdownRequested).Unwrap(), cancellationToken).ConfigureAwait(false);
            log.Write("Stopping: " + reason);
        }
        return BackendExitCodes.Ok;
    }

    private static async Task<string> UntilAsync(Task<string> stop, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = cancellationToken.Register(() => cancelled.TrySetResult("stopped by a signal")).ConfigureAwait(false);
        return await await Task.WhenAny(stop, cancelled.Task).ConfigureAwait(false);
    }
}
