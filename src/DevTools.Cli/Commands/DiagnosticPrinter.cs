using DevTools.Engine.Catalog;

namespace DevTools.Cli.Commands;

internal static class DiagnosticPrinter
{
    /// <summary>Notes every verb shows whatever its level: which build or template is what actually runs.</summary>
    private static bool SaysWhatRuns(TemplateDiagnostic d) => d.Code is DiagnosticCodes.RunsWithBuild or DiagnosticCodes.UsingSamBuildTemplate;

    /// <summary>Prints diagnostics as compilers do (<c>file(line,col): error CODE: message</c>), relative to the current directory.</summary>
    public static void Print(TextWriter writer, IEnumerable<TemplateDiagnostic> diagnostics, DiagnosticSeverity minimum = DiagnosticSeverity.Warning)
    {
        foreach (var d in diagnostics.Where(d => d.Severity <= minimum || SaysWhatRuns(d)).OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column))
        {
            var file = Path.GetRelativePath(Directory.GetCurrentDirectory(), d.Location.File);
            writer.WriteLine($"{file}({d.Location.Line},{d.Location.Column}): {d.Severity.ToString().ToLowerInvariant()} {d.Code}: {d.Message}");
        }
    }
}
