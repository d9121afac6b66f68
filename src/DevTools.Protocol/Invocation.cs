namespace DevTools.Protocol;

/// <summary>The params of <c>lambda/invoke</c>: the Invoke API's parameters.</summary>
public sealed class InvokeParams
{
    /// <summary>A logical id, function name, full or partial ARN, optionally with <c>:qualifier</c>.</summary>
    public string FunctionName { get; set; } = "";

    /// <summary>The event as JSON text; empty or null means <c>{}</c>.</summary>
    public string? Payload { get; set; }

    /// <summary><c>RequestResponse</c> (default), <c>Event</c> or <c>DryRun</c>; see <see cref="InvocationTypes"/>.</summary>
    public string? InvocationType { get; set; }

    /// <summary>The client context as JSON text (the backend base64-encodes it as <c>X-Amz-Client-Context</c> would carry it).</summary>
    public string? ClientContext { get; set; }

    /// <summary>Return the last 4 KB of the invoke's log in <see cref="InvokeResponse.LogTail"/>.</summary>
    public bool LogTail { get; set; }

    public string? Qualifier { get; set; }
}

public static class InvocationTypes
{
    public const string RequestResponse = "RequestResponse";
    public const string Event = "Event";
    public const string DryRun = "DryRun";
}

/// <summary>The result of <c>lambda/invoke</c>.</summary>
public sealed class InvokeResponse
{
    public string RequestId { get; set; } = "";
    public string FunctionName { get; set; } = "";

    /// <summary>200 (RequestResponse), 202 (Event) or 204 (DryRun), as the Invoke API answers.</summary>
    public int StatusCode { get; set; }

    /// <summary>The function's response (or error object) as text; null for Event and DryRun.</summary>
    public string? Payload { get; set; }

    /// <summary><c>Unhandled</c> when the function failed; null on success.</summary>
    public string? FunctionError { get; set; }

    /// <summary>The error type when the function failed, e.g. <c>Runtime.ExitError</c>.</summary>
    public string? ErrorType { get; set; }

    /// <summary>The last 4 KB of the invoke's log, when asked for.</summary>
    public string? LogTail { get; set; }

    public string ExecutedVersion { get; set; } = "";
    public string? EnvironmentId { get; set; }
    public bool ColdStart { get; set; }

    /// <summary>The REPORT line's figures; null for Event and DryRun.</summary>
    public InvokeMetricsInfo? Metrics { get; set; }
}

/// <summary>The figures of one invoke, as the REPORT line prints them.</summary>
public sealed class InvokeMetricsInfo
{
    public double DurationMs { get; set; }
    public long BilledDurationMs { get; set; }
    public double? InitDurationMs { get; set; }
    public int MaxMemoryUsedMb { get; set; }
    public int MemorySizeMb { get; set; }
}
