using DevTools.Engine.Catalog.Apis;

namespace DevTools.Server.ApiGateway;

/// <summary>
/// CORS as API Gateway and function URLs apply their configuration: a preflight <c>OPTIONS</c> is answered without invoking
/// the function, and (HTTP APIs, function URLs) an allowed origin gets the CORS headers on the answer, in place of any the
/// function set. A REST API leaves the answer's CORS headers to the function (SAM's <c>Cors</c> only adds the OPTIONS method).
/// </summary>
internal static class CorsHandler
{
    public static bool IsPreflight(IncomingRequest request) =>
        request.Method == "OPTIONS" && request.Header("Origin") is not null && request.Header("Access-Control-Request-Method") is not null;

    public static ApiAnswer Preflight(CorsConfiguration cors, IncomingRequest request, bool rest)
    {
        var headers = new List<KeyValuePair<string, string>>();
        var origin = cors.OriginFor(request.Header("Origin"));
        if (origin is not null)
        {
            headers.Add(new("Access-Control-Allow-Origin", origin));
            headers.Add(new("Access-Control-Allow-Methods", string.Join(',', cors.AllowMethods.Count > 0 ? cors.AllowMethods : CorsConfiguration.AllMethods)));
            var requested = request.Header("Access-Control-Request-Headers");
            var allowHeaders = cors.AllowHeaders.Contains("*") ? requested : cors.AllowHeaders.Count > 0 ? string.Join(',', cors.AllowHeaders) : null;
            if (!string.IsNullOrEmpty(allowHeaders)) headers.Add(new("Access-Control-Allow-Headers", allowHeaders));
            if (cors.MaxAgeSeconds is { } maxAge) headers.Add(new("Access-Control-Max-Age", maxAge.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (cors.AllowCredentials) headers.Add(new("Access-Control-Allow-Credentials", "true"));
            if (origin != "*") headers.Add(new("Vary", "Origin"));
        }
        return new ApiAnswer(rest ? 200 : 204, headers, ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>The answer with the configuration's CORS headers for an allowed origin (and none of the function's own).</summary>
    public static ApiAnswer Apply(CorsConfiguration cors, IncomingRequest request, ApiAnswer answer)
    {
        if (request.Header("Origin") is not { } requestOrigin || cors.OriginFor(requestOrigin) is not { } origin) return answer;
        var headers = answer.Headers.Where(h => !h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)).ToList();
        headers.Add(new("Access-Control-Allow-Origin", origin));
        if (cors.ExposeHeaders.Count > 0) headers.Add(new("Access-Control-Expose-Headers", string.Join(',', cors.ExposeHeaders)));
        if (cors.AllowCredentials) headers.Add(new("Access-Control-Allow-Credentials", "true"));
        if (origin != "*") headers.Add(new("Vary", "Origin"));
        return answer with { Headers = headers };
    }
}
