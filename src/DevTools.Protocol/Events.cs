using System.Text.Json;

namespace DevTools.Protocol;

/// <summary>The params of <c>lambda/events/subscribe</c>. Subscribing again replaces the filter.</summary>
public sealed class SubscribeParams
{
    /// <summary>Only this function's events (logical id or function name); every function's when null.</summary>
    public string? FunctionName { get; set; }
}

/// <summary>
/// The params of the <c>lambda/event</c> notification: one lifecycle event in the engine's one model —
/// the Telemetry API envelope (<c>time</c>, <c>type</c>, <c>record</c>), the function and environment,
/// and the line Lambda's log would show for it.
/// </summary>
public sealed class LifecycleEventNotification
{
    /// <summary>ISO 8601 UTC with milliseconds, as the Telemetry API writes it.</summary>
    public string Time { get; set; } = "";

    /// <summary><c>platform.start</c>, <c>platform.report</c>, <c>function</c>, <c>environment.frozen</c>, ...</summary>
    public string Type { get; set; } = "";

    public string FunctionName { get; set; } = "";
    public string? EnvironmentId { get; set; }

    /// <summary>The invoke the event belongs to, when it belongs to one.</summary>
    public string? RequestId { get; set; }

    /// <summary>The line as CloudWatch would show it (START / END / REPORT / log line / ENVIRONMENT ...); null when Lambda prints none.</summary>
    public string? Text { get; set; }

    /// <summary>The Telemetry-API-shaped <c>record</c> object.</summary>
    public JsonElement Record { get; set; }
}
