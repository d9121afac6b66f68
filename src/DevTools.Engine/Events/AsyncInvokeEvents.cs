using System.Text.Json;

namespace DevTools.Engine.Events;

/// <summary>An Event invoke was accepted into the queue.</summary>
public sealed record AsyncInvokeQueued : LifecycleEvent
{
    public override string Type => "invoke.queued";

    public override void WriteRecord(Utf8JsonWriter w) => w.WriteString("requestId", RequestId);
}

/// <summary>An Event invoke failed (or was throttled) and will be tried again.</summary>
public sealed record AsyncInvokeRetrying : LifecycleEvent
{
    public override string Type => "invoke.retrying";
    public required int Attempt { get; init; }
    public required TimeSpan Delay { get; init; }
    public required string Reason { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("requestId", RequestId);
        w.WriteNumber("attempt", Attempt);
        w.WriteNumber("delayMs", (long)Delay.TotalMilliseconds);
        w.WriteString("reason", Reason);
    }
}

/// <summary>An Event invoke is finished: succeeded, or failed after every retry.</summary>
public sealed record AsyncInvokeCompleted : LifecycleEvent
{
    public override string Type => "invoke.completed";
    public required int Attempts { get; init; }
    public string? ErrorType { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("requestId", RequestId);
        w.WriteNumber("attempts", Attempts);
        if (ErrorType is not null) w.WriteString("errorType", ErrorType);
    }
}
