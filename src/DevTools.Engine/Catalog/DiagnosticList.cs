namespace DevTools.Engine.Catalog;

/// <summary>Collects findings in the order they are made (template order, which is what a reader expects).</summary>
internal sealed class DiagnosticList
{
    private readonly List<TemplateDiagnostic> items = [];

    public IReadOnlyList<TemplateDiagnostic> Items => items;

    public void Error(string code, string message, SourceLocation at, string? functionId = null) =>
        items.Add(new TemplateDiagnostic(DiagnosticSeverity.Error, code, message, at, functionId));

    public void Warning(string code, string message, SourceLocation at, string? functionId = null) =>
        items.Add(new TemplateDiagnostic(DiagnosticSeverity.Warning, code, message, at, functionId));

    public void Information(string code, string message, SourceLocation at, string? functionId = null) =>
        items.Add(new TemplateDiagnostic(DiagnosticSeverity.Information, code, message, at, functionId));
}
