using DevTools.Protocol.Lsp;
using DevTools.Server.Hosting;
using DevTools.Server.Lsp.Diagnostics;
using DevTools.Server.Rpc;

namespace DevTools.Server.Lsp.Documents;

/// <summary><c>textDocument/didClose</c>: a closed document's problems leave the editor's list, as for any language server.</summary>
internal sealed class DidCloseHandler(BackendContext context, ClientSession session) : INotificationHandler<DidCloseTextDocumentParams>
{
    public string Method => LspMethods.DidClose;

    public Task HandleAsync(DidCloseTextDocumentParams parameters)
    {
        if (DocumentUri.ToPath(parameters.TextDocument.Uri) is not { } path) return Task.CompletedTask;
        session.Documents.Close(path);
        return DocumentKinds.IsTemplate(context, path)
            ? DiagnosticsPublisher.PublishAsync(session.Rpc, new PublishDiagnosticsParams { Uri = parameters.TextDocument.Uri })
            : Task.CompletedTask;
    }
}
