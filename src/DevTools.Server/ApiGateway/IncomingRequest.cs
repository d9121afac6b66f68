using System.Net;
using DevTools.Engine.Http;
using DevTools.Protocol.Routing;

namespace DevTools.Server.ApiGateway;

/// <summary>An HTTP request as API Gateway reads it before building an event: decoded path, query pairs in order, cookies, the caller.</summary>
internal sealed class IncomingRequest
{
    public IncomingRequest(HttpRequest http, IPEndPoint? caller, int port)
    {
        Http = http;
        Method = http.Method.ToUpperInvariant();
        RawPath = http.Path.Length == 0 ? "/" : http.Path;
        Path = Decode(RawPath);
        Segments = RoutePath.SegmentsOf(RawPath);
        RawQuery = http.Query;
        Query = [.. http.Query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var equals = pair.IndexOf('=');
            return new KeyValuePair<string, string>(DecodeForm(equals < 0 ? pair : pair[..equals]), equals < 0 ? "" : DecodeForm(pair[(equals + 1)..]));
        })];
        Cookies = [.. http.Headers.Where(h => h.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        SourceIp = caller?.Address.IsIPv4MappedToIPv6 == true ? caller.Address.MapToIPv4().ToString() : caller?.Address.ToString() ?? "127.0.0.1";
        Time = DateTimeOffset.UtcNow;
        // The headers API Gateway adds on its way to the integration.
        Headers = [.. http.Headers,
            new("X-Forwarded-For", SourceIp),
            new("X-Forwarded-Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("X-Forwarded-Proto", "http"),
            new("X-Amzn-Trace-Id", $"Root=1-{Time.ToUnixTimeSeconds():x8}-{Guid.NewGuid():N}"[..40])];
    }

    public HttpRequest Http { get; }
    public string Method { get; }

    /// <summary>The path as sent (still percent-encoded).</summary>
    public string RawPath { get; }

    /// <summary>The path decoded, as <c>path</c> and <c>rawPath</c> carry it.</summary>
    public string Path { get; }

    /// <summary>The path's segments, each decoded (as path parameters take them).</summary>
    public IReadOnlyList<string> Segments { get; }
    public string RawQuery { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }
    public IReadOnlyList<string> Cookies { get; }
    public string SourceIp { get; }
    public DateTimeOffset Time { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }
    public byte[] Body => Http.Body;
    public string? Header(string name) => Http.Header(name);
    public string? ContentType => Http.Header("Content-Type");
    public string UserAgent => Http.Header("User-Agent") ?? "";

    private static string Decode(string text) => Uri.UnescapeDataString(text);
    private static string DecodeForm(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
