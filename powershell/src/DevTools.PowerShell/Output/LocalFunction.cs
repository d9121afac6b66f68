using System.Collections;

namespace DevTools.PowerShell;

/// <summary>One function of the template, as the engine runs it (Get-LocalFunction).</summary>
public sealed class LocalFunction
{
    public string LogicalId { get; init; } = "";
    public string FunctionName { get; init; } = "";
    public string FunctionArn { get; init; } = "";
    public string Runtime { get; init; } = "";
    public string Handler { get; init; } = "";
    public string CodeDirectory { get; init; } = "";
    public int MemorySizeMB { get; init; }
    public int TimeoutSeconds { get; init; }
    public int EphemeralStorageMB { get; init; }
    public string Architecture { get; init; } = "";
    public int? ReservedConcurrentExecutions { get; init; }
    public Hashtable Environment { get; init; } = new();

    /// <summary>The function's layers in order: each a template layer's logical id or a mapped ARN.</summary>
    public string[] Layers { get; init; } = [];

    /// <summary>Where the resource is declared (1-based).</summary>
    public int Line { get; init; }
    public int Column { get; init; }

    /// <summary>False when the runtime cannot run here or the template has errors for this function.</summary>
    public bool Runnable { get; init; }

    /// <summary>The template's findings for this function.</summary>
    public TemplateDiagnostic[] Diagnostics { get; init; } = [];

    public string TemplatePath { get; init; } = "";

    public override string ToString() => LogicalId;
}

/// <summary>One template validation finding (1-based line and column).</summary>
public sealed class TemplateDiagnostic
{
    public string Severity { get; init; } = "";
    public string Code { get; init; } = "";
    public string Message { get; init; } = "";
    public string File { get; init; } = "";
    public int Line { get; init; }
    public int Column { get; init; }
    public string? FunctionId { get; init; }

    /// <summary>As compilers print it: <c>file(line,col): error CODE: message</c>.</summary>
    public override string ToString() => $"{File}({Line},{Column}): {Severity} {Code}: {Message}";
}
