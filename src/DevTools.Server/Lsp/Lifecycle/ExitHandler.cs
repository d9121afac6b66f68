using DevTools.Protocol.Lsp;
using DevTools.Server.Hosting;
using DevTools.Server.Rpc;

namespace DevTools.Server.Lsp.Lifecycle;

/// <summary>LSP's <c>exit</c>: closes this editor's connection (see <see cref="LspShutdownHandler"/>).</summary>
internal sealed class ExitHandler(ClientSession session) : INotificationHandler<NoParams>
{
    public string Method => LspMethods.Exit;

    public Task HandleAsync(NoParams parameters)
    {
        session.Close();
        return Task.CompletedTask;
    }
}
