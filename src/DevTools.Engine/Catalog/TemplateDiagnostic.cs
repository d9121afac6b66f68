namespace DevTools.Engine.Catalog;

public enum DiagnosticSeverity { Error, Warning, Information }

/// <summary>
/// One finding about a template, as data: the editor turns these into diagnostics,
/// the CLI prints them as <c>file(line,col): severity CODE: message</c>.
/// </summary>
/// <param name="Code">Stable identifier, e.g. <c>DT1001</c>; see <see cref="DiagnosticCodes"/>.</param>
/// <param name="FunctionId">Logical id of the function the finding is about, when there is one.</param>
public sealed record TemplateDiagnostic(
    DiagnosticSeverity Severity,
    string Code,
    string Message,
    SourceLocation Location,
    string? FunctionId = null)
{
    public override string ToString() =>
        $"{Location}: {Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}
