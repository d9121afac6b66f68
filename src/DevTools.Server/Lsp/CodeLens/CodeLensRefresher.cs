using DevTools.Engine.Events;
using DevTools.Protocol.Lsp;
using DevTools.Server.Rpc.Events;
using StreamJsonRpc;

namespace DevTools.Server.Lsp.CodeLens;

/// <summary>
/// Keeps the warm-environment counts live: when environments are created, frozen or retired, asks the editor
/// (<c>workspace/codeLens/refresh</c>) to fetch CodeLenses again, at most once per short interval.
/// </summary>
internal sealed class CodeLensRefresher : IDisposable
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(250);
    private readonly JsonRpc _rpc;
    private readonly IDisposable _listener;
    private int _pending;

    public CodeLensRefresher(JsonRpc rpc, EventBroadcaster events)
    {
        _rpc = rpc;
        _listener = events.AddListener((engineEvent, notification) =>
        {
            if (engineEvent is (EnvironmentCreated or EnvironmentFrozen or EnvironmentRetired) && Interlocked.Exchange(ref _pending, 1) == 0)
                _ = RefreshSoonAsync();
        });
    }

    private async Task RefreshSoonAsync()
    {
        await Task.Delay(Coalesce).ConfigureAwait(false);
        Volatile.Write(ref _pending, 0);
        try { await _rpc.InvokeAsync(LspMethods.CodeLensRefresh).ConfigureAwait(false); }
        catch (Exception e) when (e is not OutOfMemoryException) { /* the editor may not answer, or may be gone */ }
    }

    public void Dispose() => _listener.Dispose();
}
