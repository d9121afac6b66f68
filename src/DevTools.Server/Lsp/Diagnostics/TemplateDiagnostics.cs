using DevTools.Engine.Catalog;
using DevTools.Protocol.Lsp;

namespace DevTools.Server.Lsp.Diagnostics;

/// <summary>The template validation's findings for an editor buffer, as LSP diagnostics (0-based ranges).</summary>
internal static class TemplateDiagnostics
{
    public const string Source = "lambda-devtools";

    public static List<Diagnostic> Compute(string path, string text, TemplateOptions options)
    {
        var catalog = TemplateLoader.LoadFromText(path, text, options);
        var lines = TokenRange.SplitLines(text);
        // Findings in another file (the --env-vars file) belong to that file, not to this buffer.
        return catalog.Diagnostics
            .Where(d => d.Location.File == catalog.TemplatePath)
            .Select(d => new Diagnostic
            {
                Range = TokenRange.At(lines, d.Location.Line, d.Location.Column),
                Severity = d.Severity switch
                {
                    DiagnosticSeverity.Error => DiagnosticSeverityCode.Error,
                    DiagnosticSeverity.Warning => DiagnosticSeverityCode.Warning,
                    _ => DiagnosticSeverityCode.Information,
                },
                Code = d.Code,
                Source = Source,
                Message = d.Message,
            })
            .ToList();
    }
}
