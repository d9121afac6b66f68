using DevTools.Protocol.Lsp;
using DevTools.Server.Rpc;

namespace DevTools.Server.Lsp.Lifecycle;

/// <summary>LSP's <c>initialized</c>: nothing to do, but a known method (an unknown one would be logged as an error).</summary>
internal sealed class InitializedHandler : INotificationHandler<NoParams>
{
    public string Method => LspMethods.Initialized;

    public Task HandleAsync(NoParams parameters) => Task.CompletedTask;
}
