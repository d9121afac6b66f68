using System.Globalization;
using DevTools.PowerShell.Json;
using DevTools.Protocol;

namespace DevTools.PowerShell;

/// <summary>
/// One lifecycle event of the engine's one event model, as the backend sends it: the Telemetry API envelope,
/// its record, and the line Lambda's log shows for it (<see cref="Text"/>, rendered by the engine).
/// Invoke-LocalFunction writes these to the Information stream; Receive-LifecycleEvent outputs them.
/// </summary>
public sealed class LifecycleEvent
{
    internal LifecycleEvent(LifecycleEventNotification notification)
    {
        Time = DateTimeOffset.TryParse(notification.Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : default;
        Type = notification.Type;
        FunctionName = notification.FunctionName;
        EnvironmentId = notification.EnvironmentId;
        RequestId = notification.RequestId;
        Text = notification.Text;
        _record = notification.Record;
    }

    private readonly System.Text.Json.JsonElement _record;
    private object? _recordObjects;
    private string? _recordJson;

    public DateTimeOffset Time { get; }

    /// <summary><c>platform.start</c>, <c>platform.report</c>, <c>function</c>, <c>environment.frozen</c>, ...</summary>
    public string Type { get; }

    public string FunctionName { get; }
    public string? EnvironmentId { get; }
    public string? RequestId { get; }

    /// <summary>The line as Lambda (CloudWatch) shows it; null for events Lambda prints nothing for.</summary>
    public string? Text { get; }

    /// <summary>The Telemetry-API-shaped record, as objects (made on first use: most records are only displayed).</summary>
    public object? Record => _recordObjects ??= _record.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : JsonToPowerShell.Convert(_record);

    /// <summary>The record as the backend sent it (JSON).</summary>
    public string RecordJson => _recordJson ??= _record.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "{}" : _record.GetRawText();

    public override string ToString() => Text ?? $"{Type} {RecordJson}";
}
