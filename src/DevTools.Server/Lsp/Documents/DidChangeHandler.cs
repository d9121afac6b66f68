using DevTools.Protocol.Lsp;
using DevTools.Server.Hosting;
using DevTools.Server.Rpc;

namespace DevTools.Server.Lsp.Documents;

/// <summary><c>textDocument/didChange</c> (full sync: the last change carries the whole text).</summary>
internal sealed class DidChangeHandler(BackendContext context, ClientSession session) : INotificationHandler<DidChangeTextDocumentParams>
{
    public string Method => LspMethods.DidChange;

    public Task HandleAsync(DidChangeTextDocumentParams parameters)
    {
        if (DocumentUri.ToPath(parameters.TextDocument.Uri) is not { } path || parameters.ContentChanges.Count == 0) return Task.CompletedTask;
        var current = session.Documents.Change(path, parameters.TextDocument.Version, parameters.ContentChanges[^1].Text);
        return current is null ? Task.CompletedTask : TemplateDocuments.PublishAsync(context, session, path, current.Uri, current.Version, current.Text);
    }
}
