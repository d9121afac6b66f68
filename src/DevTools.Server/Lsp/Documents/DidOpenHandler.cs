using DevTools.Protocol.Lsp;
using DevTools.Server.Hosting;
using DevTools.Server.Rpc;

namespace DevTools.Server.Lsp.Documents;

/// <summary><c>textDocument/didOpen</c>: a template opened gets its diagnostics.</summary>
internal sealed class DidOpenHandler(BackendContext context, ClientSession session) : INotificationHandler<DidOpenTextDocumentParams>
{
    public string Method => LspMethods.DidOpen;

    public Task HandleAsync(DidOpenTextDocumentParams parameters)
    {
        var document = parameters.TextDocument;
        if (DocumentUri.ToPath(document.Uri) is not { } path) return Task.CompletedTask;
        session.Documents.Open(path, document.Uri, document.Version, document.Text);
        return TemplateDocuments.PublishAsync(context, session, path, document.Uri, document.Version, document.Text);
    }
}
