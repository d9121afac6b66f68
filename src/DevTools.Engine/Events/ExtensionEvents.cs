using System.Text.Json;

namespace DevTools.Engine.Events;

/// <summary><c>platform.extension</c>: an extension registered (its name, state and the events it takes).</summary>
public sealed record PlatformExtension : LifecycleEvent
{
    public override string Type => "platform.extension";
    public required string Name { get; init; }
    public string State { get; init; } = "Ready";
    public required IReadOnlyList<string> Events { get; init; }
    public string? ErrorType { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("name", Name);
        w.WriteString("state", State);
        w.WriteStartArray("events");
        foreach (var e in Events) w.WriteStringValue(e);
        w.WriteEndArray();
        if (ErrorType is not null) w.WriteString("errorType", ErrorType);
    }
}

/// <summary>A line an extension's process wrote (Telemetry API type <c>extension</c>): attributed to it, not to the function.</summary>
public sealed record ExtensionLog : LifecycleEvent
{
    public override string Type => "extension";
    public required string Extension { get; init; }
    public required string Message { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("extension", Extension);
        w.WriteString("message", Message);
        if (RequestId is not null) w.WriteString("requestId", RequestId);
    }
}

/// <summary><c>platform.telemetrySubscription</c>: an extension subscribed to the Telemetry API.</summary>
public sealed record PlatformTelemetrySubscription : LifecycleEvent
{
    public override string Type => "platform.telemetrySubscription";
    public required string Name { get; init; }
    public required IReadOnlyList<string> Types { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("name", Name);
        w.WriteString("state", "Subscribed");
        w.WriteStartArray("types");
        foreach (var t in Types) w.WriteStringValue(t);
        w.WriteEndArray();
    }
}

/// <summary>An extension did not end the shutdown phase (or a reset's) cleanly: it crashed, or was killed at the deadline.</summary>
public sealed record ExtensionShutdownFailed : LifecycleEvent
{
    public override string Type => "extension.shutdownFailed";
    public required string Name { get; init; }
    /// <summary>The <c>shutdownReason</c> it was sent: <c>spindown</c>, <c>timeout</c> or <c>failure</c>.</summary>
    public required string Reason { get; init; }
    public required string ErrorType { get; init; }
    public required string Detail { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("name", Name);
        w.WriteString("shutdownReason", Reason);
        w.WriteString("errorType", ErrorType);
        w.WriteString("detail", Detail);
    }
}
