namespace DevTools.Protocol;

/// <summary>The result of <c>lambda/functions/list</c> and <c>lambda/functions/reload</c>.</summary>
public sealed class FunctionListResult
{
    public string TemplatePath { get; set; } = "";
    public List<FunctionDescription> Functions { get; set; } = [];

    /// <summary>What template validation found, top to bottom.</summary>
    public List<TemplateDiagnosticInfo> Diagnostics { get; set; } = [];
}

/// <summary>One function's configuration, as the engine runs it.</summary>
public sealed class FunctionDescription
{
    public string LogicalId { get; set; } = "";
    public string FunctionName { get; set; } = "";
    public string FunctionArn { get; set; } = "";
    public string Runtime { get; set; } = "";
    public string Handler { get; set; } = "";
    public string CodeDirectory { get; set; } = "";
    public int MemorySizeMb { get; set; }
    public int TimeoutSeconds { get; set; }
    public int EphemeralStorageMb { get; set; }
    public string Architecture { get; set; } = "";
    public int? ReservedConcurrentExecutions { get; set; }
    public Dictionary<string, string> Environment { get; set; } = [];

    /// <summary>The function's layers in order (a later one's files win in <c>/opt</c>).</summary>
    public List<LayerDescription> Layers { get; set; } = [];

    /// <summary>Where the resource is declared (1-based line and column).</summary>
    public int Line { get; set; }
    public int Column { get; set; }

    /// <summary>False when the runtime cannot run here or the template has errors for this function.</summary>
    public bool Runnable { get; set; }
}

/// <summary>A layer of a function: the template's logical id or the ARN it was mapped from, and its local folder.</summary>
public sealed class LayerDescription
{
    public string Name { get; set; } = "";
    public string Directory { get; set; } = "";
}

/// <summary>One template validation finding (1-based line and column, as compilers print them).</summary>
public sealed class TemplateDiagnosticInfo
{
    /// <summary><c>error</c>, <c>warning</c> or <c>information</c>.</summary>
    public string Severity { get; set; } = "";
    public string Code { get; set; } = "";
    public string Message { get; set; } = "";
    public string File { get; set; } = "";
    public int Line { get; set; }
    public int Column { get; set; }
    public string? FunctionId { get; set; }
}
