using System.Buffers;
using System.Text;
using System.Text.Json;

namespace DevTools.Engine.Events;

/// <summary>
/// Events as JSON in the Telemetry API envelope (<c>{"time","type","record"}</c>), with the
/// function and environment alongside so one stream can carry every function's events.
/// </summary>
public static class LifecycleEventJson
{
    /// <param name="alongside">Writes more properties of the envelope (before the record).</param>
    public static void Write(Utf8JsonWriter w, LifecycleEvent e, Action<Utf8JsonWriter>? alongside = null)
    {
        w.WriteStartObject();
        w.WriteString("time", e.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
        w.WriteString("type", e.Type);
        w.WriteString("functionName", e.FunctionName);
        if (e.EnvironmentId is not null) w.WriteString("environmentId", e.EnvironmentId);
        alongside?.Invoke(w);
        w.WriteStartObject("record");
        e.WriteRecord(w);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>One JSON line (no trailing newline).</summary>
    public static string ToJson(LifecycleEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
            Write(w, e);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
