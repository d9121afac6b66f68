using DevTools.Protocol.Lsp;
using DevTools.Server.Hosting;
using DevTools.Server.Lsp.Diagnostics;

namespace DevTools.Server.Lsp.Documents;

/// <summary>Diagnostics of an open template, published from its text as the editor has it.</summary>
internal static class TemplateDocuments
{
    public static Task PublishAsync(BackendContext context, ClientSession session, string path, string uri, int version, string text)
    {
        if (!DocumentKinds.IsTemplate(context, path)) return Task.CompletedTask;
        var diagnostics = TemplateDiagnostics.Compute(path, text, context.Options.TemplateOptions);
        return DiagnosticsPublisher.PublishAsync(session.Rpc, new PublishDiagnosticsParams { Uri = uri, Version = version, Diagnostics = diagnostics });
    }

    /// <summary>Diagnostics of the engine's template again, when it is open (something on disk they depend on changed, e.g. a build).</summary>
    public static Task RepublishEngineTemplateAsync(BackendContext context, ClientSession session)
    {
        var path = context.Engine.Catalog.TemplatePath;
        return session.Documents.Find(path) is { } document ? PublishAsync(context, session, path, document.Uri, document.Version, document.Text) : Task.CompletedTask;
    }
}
