using System.Text.Json;

namespace DevTools.Engine.Events;

/// <summary><c>platform.initStart</c>: a runtime process is being started.</summary>
public sealed record PlatformInitStart : LifecycleEvent
{
    public override string Type => "platform.initStart";
    public string InitializationType { get; init; } = "on-demand";
    public required InitPhase Phase { get; init; }
    public string FunctionVersion { get; init; } = LambdaLimits.LatestVersion;
    public required string RuntimeVersion { get; init; }
    public string? RuntimeVersionArn { get; init; }
    public int InstanceMaxMemory { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("initializationType", InitializationType);
        w.WriteString("phase", Phase.Name());
        w.WriteString("functionName", FunctionName);
        w.WriteString("functionVersion", FunctionVersion);
        if (EnvironmentId is not null) w.WriteString("instanceId", EnvironmentId);
        w.WriteNumber("instanceMaxMemory", InstanceMaxMemory);
        w.WriteString("runtimeVersion", RuntimeVersion);
        if (RuntimeVersionArn is not null) w.WriteString("runtimeVersionArn", RuntimeVersionArn);
    }
}

/// <summary><c>platform.initRuntimeDone</c>: the runtime finished init (first <c>/next</c>) or failed it.</summary>
public sealed record PlatformInitRuntimeDone : LifecycleEvent
{
    public override string Type => "platform.initRuntimeDone";
    public string InitializationType { get; init; } = "on-demand";
    public required InitPhase Phase { get; init; }
    public required string Status { get; init; }
    public string? ErrorType { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("initializationType", InitializationType);
        w.WriteString("phase", Phase.Name());
        w.WriteString("status", Status);
        if (ErrorType is not null) w.WriteString("errorType", ErrorType);
    }
}

/// <summary><c>platform.initReport</c>: the init phase's outcome and duration.</summary>
public sealed record PlatformInitReport : LifecycleEvent
{
    public override string Type => "platform.initReport";
    public string InitializationType { get; init; } = "on-demand";
    public required InitPhase Phase { get; init; }
    public required string Status { get; init; }
    public string? ErrorType { get; init; }
    public required double DurationMs { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("initializationType", InitializationType);
        w.WriteString("phase", Phase.Name());
        w.WriteString("status", Status);
        if (ErrorType is not null) w.WriteString("errorType", ErrorType);
        w.WriteStartObject("metrics");
        w.WriteNumber("durationMs", Math.Round(DurationMs, 3));
        w.WriteEndObject();
    }
}

/// <summary><c>platform.start</c>: an invoke begins (the START line).</summary>
public sealed record PlatformStart : LifecycleEvent
{
    public override string Type => "platform.start";
    public string Version { get; init; } = LambdaLimits.LatestVersion;

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("requestId", RequestId);
        w.WriteString("version", Version);
    }
}

/// <summary><c>platform.runtimeDone</c>: the runtime answered the invoke (the END line).</summary>
public sealed record PlatformRuntimeDone : LifecycleEvent
{
    public override string Type => "platform.runtimeDone";
    public required string Status { get; init; }
    public string? ErrorType { get; init; }
    public required double DurationMs { get; init; }
    public long ProducedBytes { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("requestId", RequestId);
        w.WriteString("status", Status);
        if (ErrorType is not null) w.WriteString("errorType", ErrorType);
        w.WriteStartObject("metrics");
        w.WriteNumber("durationMs", Math.Round(DurationMs, 3));
        w.WriteNumber("producedBytes", ProducedBytes);
        w.WriteEndObject();
    }
}

/// <summary><c>platform.report</c>: the invoke's metrics (the REPORT line).</summary>
public sealed record PlatformReport : LifecycleEvent
{
    public override string Type => "platform.report";
    public required string Status { get; init; }
    public string? ErrorType { get; init; }
    public required InvokeMetrics Metrics { get; init; }

    /// <summary>The extensions' time after the runtime was done with the invoke (span <c>extensionOverhead</c>); null without extensions.</summary>
    public TelemetrySpan? ExtensionOverhead { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("requestId", RequestId);
        w.WriteString("status", Status);
        if (ErrorType is not null) w.WriteString("errorType", ErrorType);
        if (ExtensionOverhead is { } span)
        {
            w.WriteStartArray("spans");
            span.Write(w);
            w.WriteEndArray();
        }
        w.WriteStartObject("metrics");
        w.WriteNumber("durationMs", Math.Round(Metrics.DurationMs, 3));
        w.WriteNumber("billedDurationMs", Metrics.BilledDurationMs);
        w.WriteNumber("memorySizeMB", Metrics.MemorySizeMb);
        w.WriteNumber("maxMemoryUsedMB", Metrics.MaxMemoryUsedMb);
        if (Metrics.InitDurationMs is { } init) w.WriteNumber("initDurationMs", Math.Round(init, 3));
        w.WriteEndObject();
    }
}

/// <summary>A Telemetry API span: a named part of a phase, when it started and how long it took.</summary>
public sealed record TelemetrySpan(string Name, DateTimeOffset Start, double DurationMs)
{
    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("name", Name);
        w.WriteString("start", LifecycleEventJson.FormatTime(Start));
        w.WriteNumber("durationMs", Math.Round(DurationMs, 3));
        w.WriteEndObject();
    }
}

/// <summary>The figures of one invoke, as REPORT prints them.</summary>
public sealed record InvokeMetrics(
    double DurationMs,
    long BilledDurationMs,
    int MemorySizeMb,
    int MaxMemoryUsedMb,
    double? InitDurationMs)
{
    /// <summary>Lambda bills whole milliseconds rounded up, init included since August 2025.</summary>
    public static long Billed(double durationMs, double? initDurationMs) =>
        (long)Math.Ceiling(durationMs + (initDurationMs ?? 0));
}
