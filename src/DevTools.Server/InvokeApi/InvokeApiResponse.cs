namespace DevTools.Server.InvokeApi;

/// <summary>What an Invoke API operation answers; <see cref="InvokeApiServer"/> turns it into HTTP.</summary>
internal sealed record InvokeApiResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, string? ContentType, ReadOnlyMemory<byte> Body)
{
    public static InvokeApiResponse Json(int statusCode, ReadOnlyMemory<byte> body, params KeyValuePair<string, string>[] headers) =>
        new(statusCode, headers, "application/json", body);
}
