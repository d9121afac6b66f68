using System.Text;
using System.Text.Json;

namespace DevTools.Server.ApiGateway;

/// <summary>
/// Turns a function's output into the HTTP answer, as API Gateway maps a proxy integration's response. Null means the
/// output is malformed for that front end (the caller then gets the integration-failed answer).
/// </summary>
internal static class ProxyResponseMapper
{
    private static readonly HashSet<string> RestKeys = ["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded", "base64Encoded"];

    /// <summary>
    /// Payload 1.0: a JSON object with an integer <c>statusCode</c> and a string (or null) <c>body</c>; REST refuses other
    /// keys, HTTP APIs ignore them. A base64 body is decoded when the answer's type (or the caller's Accept) is one of the
    /// REST API's binary media types; HTTP APIs decode it whenever it says so.
    /// </summary>
    public static ApiAnswer? FromVersion1(ReadOnlyMemory<byte> payload, bool rest, IReadOnlyList<string> binaryMediaTypes, string? accept)
    {
        if (Parse(payload) is not { ValueKind: JsonValueKind.Object } output) return null;
        if (rest && output.EnumerateObject().Any(p => !RestKeys.Contains(p.Name))) return null;
        if (StatusCode(output) is not { } status) return null;
        if (!TryBody(output, out var body)) return null;

        var headers = new List<KeyValuePair<string, string>>();
        if (output.TryGetProperty("headers", out var single) && single.ValueKind == JsonValueKind.Object)
            foreach (var header in single.EnumerateObject())
                if (Scalar(header.Value) is { } value) headers.Add(new(header.Name, value));
        if (output.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind == JsonValueKind.Object)
            foreach (var header in multi.EnumerateObject())
                foreach (var item in header.Value.ValueKind == JsonValueKind.Array ? header.Value.EnumerateArray() : Enumerable.Empty<JsonElement>())
                    if (Scalar(item) is { } value && !headers.Contains(new(header.Name, value))) headers.Add(new(header.Name, value));
        if (!headers.Any(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))) headers.Add(new("Content-Type", "application/json"));

        var base64 = Flag(output, "isBase64Encoded") || (rest && Flag(output, "base64Encoded"));
        var contentType = headers.First(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        var decode = base64 && (!rest || BodyEncoding.IsBinary(contentType, binaryMediaTypes) || BodyEncoding.IsBinary(accept, binaryMediaTypes));
        return new ApiAnswer(status, headers, Bytes(body, decode));
    }

    /// <summary>
    /// Payload 2.0 (HTTP APIs and function URLs): an object with <c>statusCode</c> is the structured form (<c>cookies</c> each a
    /// Set-Cookie, a base64 body always decoded); anything else that is JSON is the body of a 200 JSON answer (an HTTP API
    /// answers a JSON string's text, a function URL the JSON as written). Output that is not JSON at all is passed through.
    /// </summary>
    public static ApiAnswer? FromVersion2(ReadOnlyMemory<byte> payload, bool functionUrl)
    {
        var output = Parse(payload);
        if (output is not { ValueKind: JsonValueKind.Object } structured || !structured.TryGetProperty("statusCode", out _))
        {
            var body = output is { ValueKind: JsonValueKind.String } text && !functionUrl ? Encoding.UTF8.GetBytes(text.GetString()!) : payload;
            return new ApiAnswer(200, [new("Content-Type", "application/json")], body);
        }
        if (StatusCode(structured) is not { } status || !TryBody(structured, out var content)) return null;

        var headers = new List<KeyValuePair<string, string>>();
        if (structured.TryGetProperty("headers", out var map) && map.ValueKind == JsonValueKind.Object)
            foreach (var header in map.EnumerateObject())
                if (Scalar(header.Value) is { } value) headers.Add(new(header.Name, value));
        if (structured.TryGetProperty("cookies", out var cookies) && cookies.ValueKind == JsonValueKind.Array)
            foreach (var cookie in cookies.EnumerateArray())
                if (cookie.ValueKind == JsonValueKind.String) headers.Add(new("Set-Cookie", cookie.GetString()!));
        if (!headers.Any(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))) headers.Add(new("Content-Type", "text/plain; charset=utf-8"));
        return new ApiAnswer(status, headers, Bytes(content, Flag(structured, "isBase64Encoded")));
    }

    private static JsonElement? Parse(ReadOnlyMemory<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload.Span);
            return JsonElement.ParseValue(ref reader);
        }
        catch (JsonException) { return null; }
    }

    private static int? StatusCode(JsonElement output)
    {
        if (!output.TryGetProperty("statusCode", out var code)) return null;
        var status = code.ValueKind switch
        {
            JsonValueKind.Number when code.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(code.GetString(), out var n) => n,
            _ => 0,
        };
        return status is >= 100 and <= 599 ? status : null;
    }

    private static bool TryBody(JsonElement output, out string? body)
    {
        body = null;
        if (!output.TryGetProperty("body", out var value) || value.ValueKind == JsonValueKind.Null) return true;
        if (value.ValueKind != JsonValueKind.String) return false; // API Gateway wants the body as a string (JSON pre-serialized)
        body = value.GetString();
        return true;
    }

    private static bool Flag(JsonElement output, string name) =>
        output.TryGetProperty(name, out var value) && (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.String && value.GetString() is "true" or "True"));

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    private static byte[] Bytes(string? body, bool base64)
    {
        if (body is null) return [];
        if (!base64) return Encoding.UTF8.GetBytes(body);
        try { return Convert.FromBase64String(body); }
        catch (FormatException) { return Encoding.UTF8.GetBytes(body); }
    }
}
