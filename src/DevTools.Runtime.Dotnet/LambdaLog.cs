using System.Text;
using System.Text.Json;

namespace DevTools.Runtime.Dotnet;

/// <summary>
/// Log records as AWS's .NET runtime writes them, one per line on stdout: <c>&lt;time&gt;\t&lt;request id&gt;\t&lt;level&gt;\t&lt;message&gt;</c>
/// (or one JSON object with <c>AWS_LAMBDA_LOG_FORMAT=JSON</c>), below <c>AWS_LAMBDA_LOG_LEVEL</c> dropped. Newlines inside a
/// message become <c>\r</c> so that one record stays one line.
/// </summary>
internal static class LambdaLog
{
    private static readonly string[] Levels = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"];
    private static readonly string[] Labels = ["trce", "dbug", "info", "warn", "fail", "crit"];

    private static readonly Stream Output = Console.OpenStandardOutput();
    private static readonly Lock Gate = new();
    private static readonly bool Json = string.Equals(Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_FORMAT"), "JSON", StringComparison.OrdinalIgnoreCase);
    private static readonly int Minimum = IndexOf(Environment.GetEnvironmentVariable("AWS_LAMBDA_HANDLER_LOG_LEVEL")
        ?? Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL")) ?? 0;

    /// <summary>The invoke in progress (the last one, between invokes), as records show it.</summary>
    public static volatile string? RequestId;

    public const string Information = "Information";
    public const string Error = "Error";

    /// <summary>Writes one record. <paramref name="level"/> is a level name (<c>Warning</c>, <c>warn</c>…); unknown names are kept as they are.</summary>
    public static void Write(string? level, string message, Exception? exception = null)
    {
        var index = IndexOf(level);
        if (index is { } known && known < Minimum) return;
        var name = index is { } i ? Levels[i] : level ?? Information;
        var line = Json ? JsonRecord(name, message, exception)
            : TextRecord(index is { } j ? Labels[j] : name, exception is null ? message : message.Length == 0 ? exception.ToString() : message + "\n" + exception);
        var bytes = Encoding.UTF8.GetBytes(line);
        lock (Gate) Output.Write(bytes);
    }

    /// <summary>Replaces <c>{name}</c> placeholders with the arguments in order, as the runtime's message templates do.</summary>
    public static string Format(string? template, object?[]? arguments)
    {
        template ??= "";
        if (arguments is null || arguments.Length == 0) return template;
        var text = new StringBuilder(template.Length + 32);
        var next = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c is '{' or '}' && i + 1 < template.Length && template[i + 1] == c) { text.Append(c); i++; continue; }
            var close = c == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close < 0 || next >= arguments.Length) { text.Append(c); continue; }
            text.Append(arguments[next++]);
            i = close;
        }
        return text.ToString();
    }

    private static string TextRecord(string label, string message) =>
        $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}\t{RequestId}\t{label}\t{OneLine(message)}\n";

    private static string JsonRecord(string level, string message, Exception? exception)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
            json.WriteString("level", level);
            json.WriteString("requestId", RequestId);
            if (Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID") is { } trace) json.WriteString("traceId", trace);
            json.WriteString("message", message);
            if (exception is not null)
            {
                json.WriteString("errorType", exception.GetType().Name);
                json.WriteString("errorMessage", exception.Message);
                json.WriteStartArray("stackTrace");
                foreach (var frame in ErrorBody.StackLines(exception)) json.WriteStringValue(frame);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string OneLine(string message) =>
        message.Contains('\n') ? message.TrimEnd('\r', '\n').Replace("\r\n", "\r").Replace('\n', '\r') : message;

    private static int? IndexOf(string? level)
    {
        if (string.IsNullOrEmpty(level)) return null;
        for (var i = 0; i < Levels.Length; i++)
            if (string.Equals(level, Levels[i], StringComparison.OrdinalIgnoreCase) || string.Equals(level, Labels[i], StringComparison.OrdinalIgnoreCase))
                return i;
        return level.ToUpperInvariant() switch { "WARN" => 3, "ERROR" or "FATAL" => 4, "INFO" => 2, _ => null };
    }
}
