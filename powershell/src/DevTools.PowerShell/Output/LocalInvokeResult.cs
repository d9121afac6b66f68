namespace DevTools.PowerShell;

/// <summary>What Invoke-LocalFunction returns for one invoke: the Invoke API's answer and the REPORT figures.</summary>
public sealed class LocalInvokeResult
{
    public string FunctionName { get; init; } = "";

    /// <summary>200 (RequestResponse), 202 (Event: queued) or 204 (DryRun).</summary>
    public int StatusCode { get; init; }

    /// <summary>The function's response (or, when it failed, its error object) as JSON text; null for Event and DryRun.</summary>
    public string? Payload { get; init; }

    /// <summary>The payload parsed as ConvertFrom-Json would; null when there is none or it is not JSON.</summary>
    public object? Response { get; init; }

    /// <summary><c>Unhandled</c> when the function failed (then <see cref="Payload"/> is its error object); null on success.</summary>
    public string? FunctionError { get; init; }

    /// <summary>The function's error type when it failed, e.g. <c>Runtime.ExitError</c>.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The last 4 KB of the invoke's log (<c>-LogType Tail</c>), as text.</summary>
    public string? LogTail { get; init; }

    public string RequestId { get; init; } = "";
    public string ExecutedVersion { get; init; } = "";
    public string InvocationType { get; init; } = "";

    /// <summary>The execution environment that ran the invoke.</summary>
    public string? EnvironmentId { get; init; }

    /// <summary>True when the environment was created for this invoke (its init ran).</summary>
    public bool ColdStart { get; init; }

    public double? DurationMs { get; init; }
    public long? BilledDurationMs { get; init; }

    /// <summary>Set on a cold start only.</summary>
    public double? InitDurationMs { get; init; }

    public int? MaxMemoryUsedMB { get; init; }
    public int? MemorySizeMB { get; init; }

    /// <summary>The template whose backend ran the invoke.</summary>
    public string TemplatePath { get; init; } = "";

    public override string ToString() => Payload ?? $"{StatusCode}";
}
