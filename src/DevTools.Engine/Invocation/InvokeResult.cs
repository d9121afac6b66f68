using DevTools.Engine.Events;

namespace DevTools.Engine.Invocation;

/// <summary>The outcome of one invoke, with everything Lambda's Invoke API and REPORT line carry.</summary>
public sealed record InvokeResult
{
    /// <summary>200 (RequestResponse), 202 (Event) or 204 (DryRun).</summary>
    public required int StatusCode { get; init; }

    public required string RequestId { get; init; }
    public required string FunctionName { get; init; }
    public ReadOnlyMemory<byte> Payload { get; init; }
    public string ContentType { get; init; } = "application/json";

    /// <summary><c>Unhandled</c> when the function failed (the payload is then the error object); null on success.</summary>
    public string? FunctionError { get; init; }

    /// <summary>The error type when the function failed, e.g. <c>Runtime.ExitError</c>.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The last 4 KB of the invoke's log when a tail was asked for.</summary>
    public string? LogTail { get; init; }

    public string? EnvironmentId { get; init; }
    public bool ColdStart { get; init; }
    public InvokeMetrics? Metrics { get; init; }
    public string ExecutedVersion { get; init; } = LambdaLimits.LatestVersion;

    /// <summary>Where the invoke's time went inside the engine (null for Event and DryRun).</summary>
    public RuntimeApi.InvokeTimestamps? Timestamps { get; init; }
}
