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
        WriteTimeAndType(w, e);
        w.WriteString("functionName", e.FunctionName);
        if (e.EnvironmentId is not null) w.WriteString("environmentId", e.EnvironmentId);
        alongside?.Invoke(w);
        w.WriteStartObject("record");
        e.WriteRecord(w);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>
    /// An event as the Telemetry API delivers it to an extension: only <c>time</c>, <c>type</c> and the record, which for
    /// a log line (<c>function</c>, <c>extension</c>) is the line's text.
    /// </summary>
    public static byte[] ToTelemetryRecord(LifecycleEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            WriteTimeAndType(w, e);
            switch (e)
            {
                case FunctionLog log: w.WriteString("record", log.Message); break;
                case ExtensionLog log: w.WriteString("record", log.Message); break;
                default:
                    w.WriteStartObject("record");
                    e.WriteRecord(w);
                    w.WriteEndObject();
                    break;
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteTimeAndType(Utf8JsonWriter w, LifecycleEvent e)
    {
        w.WriteString("time", FormatTime(e.Time));
        w.WriteString("type", e.Type);
    }

    /// <summary>ISO 8601 UTC with milliseconds, as the Telemetry API writes it.</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");

    /// <summary>One JSON line (no trailing newline).</summary>
    public static string ToJson(LifecycleEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
            Write(w, e);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
