using System.Reflection;
using System.Text.Json;

namespace DevTools.Runtime.Dotnet;

/// <summary>
/// The body AWS's .NET runtime posts for an exception: <c>errorType</c> (the short type name), <c>errorMessage</c>,
/// <c>stackTrace</c> (one frame a line), <c>cause</c> (the inner exception, same shape) and <c>causes</c> (an
/// AggregateException's), indented by two spaces.
/// </summary>
internal static class ErrorBody
{
    private const int MaxBytes = 256 * 1024;

    public static byte[] From(Exception exception)
    {
        var body = Write(exception);
        return body.Length <= MaxBytes ? body : """{"errorMessage": "Exception exceeded maximum payload size of 256KB."}"""u8.ToArray();
    }

    /// <summary>The exception the function threw, without reflection's wrapper.</summary>
    public static Exception Unwrap(Exception exception) =>
        exception is TargetInvocationException { InnerException: { } inner } ? Unwrap(inner) : exception;

    /// <summary>The frames of the function's code: the runtime's own frames (and reflection's) below them are left out.</summary>
    public static IEnumerable<string> StackLines(Exception exception) =>
        (exception.StackTrace ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
            .TakeWhile(l => !l.StartsWith("at DevTools.Runtime.Dotnet.", StringComparison.Ordinal)
                && !l.StartsWith("at System.Reflection.MethodBaseInvoker.", StringComparison.Ordinal)
                && !l.StartsWith("at System.RuntimeMethodHandle.InvokeMethod", StringComparison.Ordinal));

    private static byte[] Write(Exception exception)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteException(json, exception);
        return buffer.ToArray();
    }

    private static void WriteException(Utf8JsonWriter json, Exception exception)
    {
        json.WriteStartObject();
        json.WriteString("errorType", exception.GetType().Name);
        json.WriteString("errorMessage", exception.Message);
        var frames = StackLines(exception).ToList();
        if (frames.Count > 0)
        {
            json.WriteStartArray("stackTrace");
            foreach (var frame in frames) json.WriteStringValue(frame);
            json.WriteEndArray();
        }
        if (exception.InnerException is { } inner)
        {
            json.WritePropertyName("cause");
            WriteException(json, inner);
        }
        if (exception is AggregateException aggregate)
        {
            json.WriteStartArray("causes");
            foreach (var each in aggregate.InnerExceptions) WriteException(json, each);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}
