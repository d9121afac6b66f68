using DevTools.Server.Hosting;

namespace DevTools.Server.Lsp.Documents;

/// <summary>Which documents the language features care about.</summary>
internal static class DocumentKinds
{
    /// <summary>The engine's template, or any file named like a SAM template (a second template in the workspace gets diagnostics too).</summary>
    public static bool IsTemplate(BackendContext context, string path) =>
        path == context.Engine.Catalog.TemplatePath
        || Path.GetFileName(path) is "template.yaml" or "template.yml";

    public static bool IsEngineTemplate(BackendContext context, string path) => path == context.Engine.Catalog.TemplatePath;
}
