using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using DevTools.Engine.Events;
using DevTools.Protocol;

namespace DevTools.Server.Rpc.Events;

/// <summary>
/// Turns an engine event into the params of the <c>lambda/event</c> notification (<see cref="LifecycleEventNotification"/>
/// on the wire): the envelope and record exactly as <see cref="LifecycleEventJson"/> writes them, the invoke's request id,
/// and the line <see cref="LambdaTextFormatter"/> renders. Written once per event, whatever the number of subscribers.
/// </summary>
internal static class EventNotifications
{
    public static EventNotification Create(LifecycleEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(384);
        var text = LambdaTextFormatter.Format(e);
        using (var w = new Utf8JsonWriter(buffer))
        {
            LifecycleEventJson.Write(w, e, w =>
            {
                if (e.RequestId is not null) w.WriteString("requestId", e.RequestId);
                if (text is not null) w.WriteString("text", text);
            });
        }
        return new EventNotification(buffer.WrittenSpan.ToArray());
    }
}

/// <summary>A <c>lambda/event</c> notification's params, already JSON: each connection copies the bytes.</summary>
[JsonConverter(typeof(Converter))]
internal sealed class EventNotification(byte[] json)
{
    public ReadOnlySpan<byte> Json => json;

    private sealed class Converter : JsonConverter<EventNotification>
    {
        public override EventNotification Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Events are only sent.");

        public override void Write(Utf8JsonWriter writer, EventNotification value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
