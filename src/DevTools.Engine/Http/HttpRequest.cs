namespace DevTools.Engine.Http;

/// <summary>One HTTP/1.1 request as a loopback API sees it: the request line, the headers in order, and the body once read.</summary>
public sealed class HttpRequest
{
    public required string Method { get; init; }

    /// <summary>The request target's path, still percent-encoded (segments are decoded by whoever splits them).</summary>
    public required string Path { get; init; }

    /// <summary>The query string without its <c>?</c>, still encoded; empty when there is none.</summary>
    public string Query { get; init; } = "";

    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    public bool KeepAlive { get; set; } = true;

    /// <summary>The declared body size (<c>Content-Length</c>); null for a chunked body.</summary>
    public long? ContentLength { get; init; }

    public bool Chunked { get; init; }

    public bool ExpectsContinue { get; init; }

    public byte[] Body { get; internal set; } = [];

    /// <summary>The body's full size; larger than <see cref="Body"/> when it went over the limit.</summary>
    public long BodyLength { get; internal set; }

    public bool BodyTooLarge { get; internal set; }

    /// <summary>The first value of a header (names compare case-insensitively), or null.</summary>
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }

    /// <summary>The decoded value of a query parameter, or null.</summary>
    public string? QueryValue(string name)
    {
        foreach (var pair in Query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var key = Decode(equals < 0 ? pair : pair[..equals]);
            if (key == name) return equals < 0 ? "" : Decode(pair[(equals + 1)..]);
        }
        return null;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
