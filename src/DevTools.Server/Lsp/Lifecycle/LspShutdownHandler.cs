using DevTools.Protocol.Lsp;
using DevTools.Server.Rpc;

namespace DevTools.Server.Lsp.Lifecycle;

/// <summary>
/// LSP's <c>shutdown</c>. The backend is shared, so <c>shutdown</c> and <c>exit</c> end this editor's connection, not
/// the backend (which exits when idle, or on <c>lambda/shutdown</c>); a stdio backend lives as long as its one connection.
/// </summary>
internal sealed class LspShutdownHandler : IRequestHandler<NoParams, object?>
{
    public string Method => LspMethods.Shutdown;

    public Task<object?> HandleAsync(NoParams parameters, CancellationToken cancellationToken) => Task.FromResult<object?>(null);
}
