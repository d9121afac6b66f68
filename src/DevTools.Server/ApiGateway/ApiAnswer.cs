using System.Text;

namespace DevTools.Server.ApiGateway;

/// <summary>What goes back to the HTTP caller: a status, headers in order (repeats allowed, as for Set-Cookie) and a body.</summary>
internal sealed record ApiAnswer(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body)
{
    /// <summary>API Gateway's own JSON error answer: <c>{"message":"..."}</c>, with its error type header.</summary>
    public static ApiAnswer Message(int status, string message, string? errorType = null)
    {
        List<KeyValuePair<string, string>> headers = [new("Content-Type", "application/json")];
        if (errorType is not null) headers.Add(new("x-amzn-ErrorType", errorType));
        return new ApiAnswer(status, headers, Encoding.UTF8.GetBytes($$"""{"message":"{{message}}"}"""));
    }

    public ApiAnswer WithHeaders(IEnumerable<KeyValuePair<string, string>> more) => this with { Headers = [.. Headers, .. more] };

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}
