namespace DevTools.PowerShell;

/// <summary>What Build-LocalFunction did for one function: its dependencies, installed into its build folder.</summary>
public sealed class LocalBuildResult
{
    public string LogicalId { get; init; } = "";
    public string FunctionName { get; init; } = "";

    /// <summary><c>built</c>, <c>reused</c> (manifest unchanged since the last build), <c>skipped</c> (nothing to install) or <c>failed</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>The manifest the dependencies come from (<c>package.json</c>, <c>requirements.txt</c>), when there is one.</summary>
    public string? Manifest { get; init; }

    /// <summary>The command that installed them, e.g. <c>npm ci --omit=dev</c>.</summary>
    public string? Command { get; init; }

    /// <summary>Where the installed dependencies are; the function runs with them from now on.</summary>
    public string? Directory { get; init; }

    public double DurationMs { get; init; }

    /// <summary>Why it was skipped or failed (a failed build leaves the previous one in use).</summary>
    public string? Message { get; init; }

    /// <summary>The template whose backend built it.</summary>
    public string TemplatePath { get; init; } = "";

    public override string ToString() => $"{FunctionName}: {Status}";
}
