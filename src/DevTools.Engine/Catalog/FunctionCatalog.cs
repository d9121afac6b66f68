namespace DevTools.Engine.Catalog;

/// <summary>The functions of one template and what validation found.</summary>
public sealed class FunctionCatalog
{
    public FunctionCatalog(string templatePath, IReadOnlyList<FunctionConfiguration> functions, IReadOnlyList<TemplateDiagnostic> diagnostics, Apis.ApiCatalog? apis = null)
    {
        TemplatePath = templatePath;
        Functions = functions;
        Diagnostics = diagnostics;
        Apis = apis ?? Catalog.Apis.ApiCatalog.Empty;
    }

    public string TemplatePath { get; }
    public IReadOnlyList<FunctionConfiguration> Functions { get; }
    public IReadOnlyList<TemplateDiagnostic> Diagnostics { get; }

    /// <summary>The APIs, routes and function URLs in front of the functions.</summary>
    public Apis.ApiCatalog Apis { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    private ILookup<string?, TemplateDiagnostic>? _errorsByFunction;

    /// <summary>Diagnostics that make this function unrunnable (looked up on every invoke, so indexed once).</summary>
    public IEnumerable<TemplateDiagnostic> ErrorsFor(string logicalId) =>
        (_errorsByFunction ??= Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToLookup(d => d.FunctionId))[logicalId];

    /// <summary>Whether the function can be invoked here: a runtime this engine runs, and no template error of its own.</summary>
    public bool IsRunnable(FunctionConfiguration function) =>
        function.RuntimeDefinition is { CanRunLocally: true } && !ErrorsFor(function.LogicalId).Any();

    /// <summary>Finds a function by logical id or by function name (both are how callers name functions).</summary>
    public FunctionConfiguration? Find(string name) =>
        Functions.FirstOrDefault(f => f.LogicalId == name) ?? Functions.FirstOrDefault(f => f.FunctionName == name);
}
