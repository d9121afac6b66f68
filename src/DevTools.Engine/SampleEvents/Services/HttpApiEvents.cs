using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace DevTools.Engine.SampleEvents.Services;

/// <summary>
/// Requests in payload format 2.0: an HTTP API's, and a function URL's (the same shape with its own placeholders: route
/// and stage <c>$default</c>, the URL id for the API id, <c>anonymous</c> for the account of an unauthenticated caller).
/// </summary>
internal static class HttpApiEvents
{
    private static readonly SampleEventService Lambda = new("lambda", "Lambda");

    private static readonly SampleEventFlag RouteKey = SampleEventFlag.Text("route-key",
        "The matched route, METHOD /path with its variables (GET /users/{id}, ANY /{proxy+}), or $default.", "$default");

    private static SampleEventFlag Cookies() => SampleEventFlag.Text("cookies", "The Cookie header: a=1; b=2 (the event lists them apart); empty for none.", "cookie1=value1; cookie2=value2");

    private static SampleEventFlag[] RequestFlags() =>
        [ApiFlags.Method("POST"), ApiFlags.Path("/my/path"), ApiFlags.Query("parameter1=value1&parameter1=value2&parameter2=value"), Cookies(), ApiFlags.Body("Hello from Lambda")];

    public static SampleEvent HttpApiProxy { get; } = new(ApiFlags.ApiGateway, "http-api-proxy",
        "An HTTP API's request (payload format 2.0).",
        [.. RequestFlags(), RouteKey, ApiFlags.Stage("$default"), SampleEventFlag.Region, SampleEventFlag.AccountId],
        v =>
        {
            var apiId = RandomIds.LowerAlphanumeric(10);
            var stage = v["stage"];
            return Request(v, v[RouteKey.Name], stage, apiId, $"{apiId}.execute-api.{v.Region}.amazonaws.com", v.AccountId, functionUrl: false);
        });

    public static SampleEvent FunctionUrl { get; } = new(Lambda, "function-url",
        "A request to a function URL (auth type NONE), in payload format 2.0.",
        [.. RequestFlags(), SampleEventFlag.Region],
        v =>
        {
            var urlId = RandomIds.LowerAlphanumeric(32);
            return Request(v, "$default", "$default", urlId, $"{urlId}.lambda-url.{v.Region}.on.aws", "anonymous", functionUrl: true);
        });

    private static JsonObject Request(SampleEventValues v, string routeKey, string stage, string apiId, string domainName, string accountId, bool functionUrl)
    {
        var method = v["method"];
        var path = PathTemplate.Rooted(v["path"]);
        // A named stage is the path's first segment; $default has none.
        var rawPath = stage == "$default" ? path : $"/{stage}{path}";
        var pathParameters = RouteVariables(routeKey, method, path);
        var rawQuery = v["query"].TrimStart('?');
        var query = QueryString.Parse(rawQuery);
        var cookies = v["cookies"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var body = v.Optional("body");

        var headers = new JsonObject { ["accept"] = "*/*" };
        if (body is not null)
        {
            headers["content-length"] = Encoding.UTF8.GetByteCount(body).ToString(CultureInfo.InvariantCulture);
            headers["content-type"] = ApiFlags.ContentTypeOf(body);
        }
        headers["host"] = domainName;
        headers["user-agent"] = ApiFlags.UserAgent;
        if (functionUrl)
        {
            headers["x-amzn-tls-cipher-suite"] = "TLS_AES_128_GCM_SHA256";
            headers["x-amzn-tls-version"] = "TLSv1.3";
        }
        headers["x-amzn-trace-id"] = RandomIds.TraceId(v.Now);
        headers["x-forwarded-for"] = ApiFlags.SourceIp;
        headers["x-forwarded-port"] = "443";
        headers["x-forwarded-proto"] = "https";

        // Absent, not null or empty, when there is nothing to carry.
        var request = new JsonObject { ["version"] = "2.0", ["routeKey"] = routeKey, ["rawPath"] = rawPath, ["rawQueryString"] = rawQuery };
        if (cookies.Length > 0) request["cookies"] = new JsonArray(cookies.Select(c => (JsonNode)c).ToArray());
        request["headers"] = headers;
        // A repeated key's values are joined with commas.
        if (query.Count > 0) request["queryStringParameters"] = new JsonObject(query.GroupBy(p => p.Key).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)string.Join(',', g.Select(p => p.Value)))));
        if (pathParameters is not null) request["pathParameters"] = new JsonObject(pathParameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        var context = new JsonObject
        {
            ["accountId"] = accountId,
            ["apiId"] = apiId,
        };
        if (functionUrl) context["authentication"] = null;
        context["domainName"] = domainName;
        context["domainPrefix"] = apiId;
        context["http"] = new JsonObject
        {
            ["method"] = method,
            ["path"] = rawPath,
            ["protocol"] = "HTTP/1.1",
            ["sourceIp"] = ApiFlags.SourceIp,
            ["userAgent"] = ApiFlags.UserAgent,
        };
        context["requestId"] = RandomIds.Base64(11);
        context["routeKey"] = routeKey;
        context["stage"] = stage;
        context["time"] = EventTimes.CommonLog(v.Now);
        context["timeEpoch"] = EventTimes.EpochMilliseconds(v.Now);
        request["requestContext"] = context;
        if (body is not null) request["body"] = body;
        request["isBase64Encoded"] = false;
        return request;
    }

    /// <summary>The route's path variables for this request (null for <c>$default</c>), or throws when the route cannot match it.</summary>
    private static Dictionary<string, string>? RouteVariables(string routeKey, string method, string path)
    {
        if (routeKey == "$default") return null;
        var parts = routeKey.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[1].StartsWith('/'))
            throw new SampleEventException($"route-key must be $default or METHOD /path (GET /users/{{id}}), not '{routeKey}'.");
        if (parts[0] != "ANY" && !string.Equals(parts[0], method, StringComparison.Ordinal))
            throw new SampleEventException($"The route {routeKey} does not take {method} requests (its method is {parts[0]}; ANY takes every method).");
        return PathTemplate.Match(parts[1], path);
    }
}
