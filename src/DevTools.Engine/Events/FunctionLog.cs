using System.Text.Json;

namespace DevTools.Engine.Events;

/// <summary>A line the function's processes wrote (Telemetry API type <c>function</c>).</summary>
public sealed record FunctionLog : LifecycleEvent
{
    public override string Type => "function";

    public required string Message { get; init; }

    /// <summary><c>stdout</c> or <c>stderr</c>.</summary>
    public required string Stream { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("message", Message);
        w.WriteString("stream", Stream);
        if (RequestId is not null) w.WriteString("requestId", RequestId);
    }
}
