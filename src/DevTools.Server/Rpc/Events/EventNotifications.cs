using System.Text.Json;
using DevTools.Engine.Events;
using DevTools.Protocol;

namespace DevTools.Server.Rpc.Events;

/// <summary>
/// Turns an engine event into the <c>lambda/event</c> notification: the envelope and record exactly as
/// <see cref="LifecycleEventJson"/> writes them, plus the line <see cref="LambdaTextFormatter"/> renders.
/// </summary>
internal static class EventNotifications
{
    public static LifecycleEventNotification Create(LifecycleEvent e)
    {
        using var document = JsonDocument.Parse(LifecycleEventJson.ToJson(e));
        var root = document.RootElement;
        var record = root.GetProperty("record").Clone();
        return new LifecycleEventNotification
        {
            Time = root.GetProperty("time").GetString()!,
            Type = e.Type,
            FunctionName = e.FunctionName,
            EnvironmentId = e.EnvironmentId,
            RequestId = record.TryGetProperty("requestId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
            Text = LambdaTextFormatter.Format(e),
            Record = record,
        };
    }
}
