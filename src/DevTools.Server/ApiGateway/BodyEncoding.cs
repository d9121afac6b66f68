namespace DevTools.Server.ApiGateway;

/// <summary>When a request body travels base64 in the event (<c>isBase64Encoded</c>).</summary>
internal static class BodyEncoding
{
    /// <summary>REST: the Content-Type is one of the API's binary media types (<c>*/*</c> and <c>type/*</c> included).</summary>
    public static bool IsBinary(string? contentType, IReadOnlyList<string> binaryMediaTypes)
    {
        if (binaryMediaTypes.Count == 0) return false;
        var type = MediaType(contentType);
        return binaryMediaTypes.Any(pattern => Matches(type, pattern));
    }

    /// <summary>HTTP APIs and function URLs: only text types arrive as text; anything else (no type included) is base64.</summary>
    public static bool IsBinaryForHttpApi(string? contentType)
    {
        var type = MediaType(contentType);
        return !(type.StartsWith("text/", StringComparison.Ordinal) || type is "application/json" or "application/xml" or "application/javascript"
            || type.EndsWith("+json", StringComparison.Ordinal) || type.EndsWith("+xml", StringComparison.Ordinal));
    }

    public static bool Matches(string type, string pattern)
    {
        pattern = pattern.Trim().ToLowerInvariant();
        if (pattern == "*/*") return true;
        return pattern.EndsWith("/*", StringComparison.Ordinal)
            ? type.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : type == pattern;
    }

    public static string MediaType(string? contentType) =>
        (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
}
