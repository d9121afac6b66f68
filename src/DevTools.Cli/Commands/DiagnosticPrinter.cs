using DevTools.Engine.Catalog;

namespace DevTools.Cli.Commands;

internal static class DiagnosticPrinter
{
    /// <summary>Notes every verb shows whatever its level: which build or template is what actually runs.</summary>
    private static bool SaysWhatRuns(TemplateDiagnostic d) => d.Code is DiagnosticCodes.RunsWithBuild or DiagnosticCodes.UsingSamBuildTemplate;

    /// <summary>
    /// Prints diagnostics as compilers do (<c>file(line,col): error CODE: message</c>), relative to the current directory;
    /// with <paramref name="json"/>, as one <c>template.diagnostic</c> object per line, so a JSON-lines stream stays one.
    /// </summary>
    public static void Print(TextWriter writer, IEnumerable<TemplateDiagnostic> diagnostics, DiagnosticSeverity minimum = DiagnosticSeverity.Warning, bool json = false)
    {
        foreach (var d in diagnostics.Where(d => d.Severity <= minimum || SaysWhatRuns(d)).OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column))
        {
            var severity = d.Severity.ToString().ToLowerInvariant();
            if (json)
            {
                writer.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
                {
                    type = "template.diagnostic", severity, code = d.Code, message = d.Message,
                    file = d.Location.File, line = d.Location.Line, column = d.Location.Column, functionId = d.FunctionId,
                }));
                continue;
            }
            var file = Path.GetRelativePath(Directory.GetCurrentDirectory(), d.Location.File);
            writer.WriteLine($"{file}({d.Location.Line},{d.Location.Column}): {severity} {d.Code}: {d.Message}");
        }
    }
}
