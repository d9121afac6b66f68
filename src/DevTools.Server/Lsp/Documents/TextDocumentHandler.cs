using DevTools.Protocol.Lsp;
using DevTools.Server.Hosting;
using DevTools.Server.Lsp.Diagnostics;
using StreamJsonRpc;

namespace DevTools.Server.Lsp.Documents;

/// <summary>Text synchronisation (open, full change, close); template changes republish diagnostics.</summary>
internal sealed class TextDocumentHandler(BackendContext context, ClientSession session)
{
    [JsonRpcMethod(LspMethods.DidOpen, UseSingleObjectParameterDeserialization = true)]
    public Task DidOpenAsync(DidOpenTextDocumentParams parameters)
    {
        var document = parameters.TextDocument;
        if (DocumentUri.ToPath(document.Uri) is not { } path) return Task.CompletedTask;
        session.Documents.Open(path, document.Uri, document.Version, document.Text);
        return PublishAsync(path, document.Uri, document.Version, document.Text);
    }

    [JsonRpcMethod(LspMethods.DidChange, UseSingleObjectParameterDeserialization = true)]
    public Task DidChangeAsync(DidChangeTextDocumentParams parameters)
    {
        // Full sync: the last change carries the whole text.
        if (DocumentUri.ToPath(parameters.TextDocument.Uri) is not { } path || parameters.ContentChanges.Count == 0) return Task.CompletedTask;
        var current = session.Documents.Change(path, parameters.TextDocument.Version, parameters.ContentChanges[^1].Text);
        return current is null ? Task.CompletedTask : PublishAsync(path, current.Uri, current.Version, current.Text);
    }

    [JsonRpcMethod(LspMethods.DidClose, UseSingleObjectParameterDeserialization = true)]
    public Task DidCloseAsync(DidCloseTextDocumentParams parameters)
    {
        if (DocumentUri.ToPath(parameters.TextDocument.Uri) is not { } path) return Task.CompletedTask;
        session.Documents.Close(path);
        // A closed document's problems leave the editor's list, as for any language server.
        return DocumentKinds.IsTemplate(context, path)
            ? DiagnosticsPublisher.PublishAsync(session.Rpc, new PublishDiagnosticsParams { Uri = parameters.TextDocument.Uri })
            : Task.CompletedTask;
    }

    private Task PublishAsync(string path, string uri, int version, string text) => PublishAsync(context, session, path, uri, version, text);

    /// <summary>Diagnostics of the engine's template again, when it is open (something on disk they depend on changed, e.g. a build).</summary>
    internal static Task RepublishEngineTemplateAsync(BackendContext context, ClientSession session)
    {
        var path = context.Engine.Catalog.TemplatePath;
        return session.Documents.Find(path) is { } document ? PublishAsync(context, session, path, document.Uri, document.Version, document.Text) : Task.CompletedTask;
    }

    private static Task PublishAsync(BackendContext context, ClientSession session, string path, string uri, int version, string text)
    {
        if (!DocumentKinds.IsTemplate(context, path)) return Task.CompletedTask;
        var diagnostics = TemplateDiagnostics.Compute(path, text, context.Options.TemplateOptions);
        return DiagnosticsPublisher.PublishAsync(session.Rpc, new PublishDiagnosticsParams { Uri = uri, Version = version, Diagnostics = diagnostics });
    }
}
