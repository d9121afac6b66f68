using System.Text.Json;

namespace DevTools.Engine.Events;

/// <summary>
/// One thing that happened in the engine, as every front end sees it. Platform events carry
/// the Telemetry API's type names and record fields; environment events are this engine's own.
/// </summary>
public abstract record LifecycleEvent
{
    public DateTimeOffset Time { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The function's name (FunctionName, or the logical id when none is set).</summary>
    public required string FunctionName { get; init; }

    public string? EnvironmentId { get; init; }

    /// <summary>The invoke the event belongs to, when it belongs to one.</summary>
    public string? RequestId { get; init; }

    /// <summary>The Telemetry API type (<c>platform.start</c>, <c>function</c>) or <c>environment.*</c>.</summary>
    public abstract string Type { get; }

    /// <summary>Writes the Telemetry-API-shaped <c>record</c> object.</summary>
    public abstract void WriteRecord(Utf8JsonWriter writer);
}

/// <summary>Lambda's status values for platform records.</summary>
public static class PlatformStatus
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Error = "error";
    public const string Timeout = "timeout";
}
