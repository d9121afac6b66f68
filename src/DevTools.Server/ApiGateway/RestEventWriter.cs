using System.Buffers;
using System.Text;
using System.Text.Json;
using DevTools.Engine.Catalog.Apis;

namespace DevTools.Server.ApiGateway;

/// <summary>
/// The payload 1.0 event (REST APIs, and HTTP APIs whose route says 1.0) with every field API Gateway sends: single and
/// multi-value headers and query strings (<c>null</c> when none), path parameters, stage variables, the request context
/// with the concrete path under the stage, and the body (base64 for the API's binary media types).
/// </summary>
internal static class RestEventWriter
{
    public static byte[] Write(IncomingRequest request, RouteMatch match, ApiGatewayContext context, string requestId, JsonElement? authorizer)
    {
        var api = match.Api;
        var isHttpApi = api.Kind == ApiKind.Http;
        var buffer = new ArrayBufferWriter<byte>(1024 + request.Body.Length * 4 / 3);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (isHttpApi) w.WriteString("version", "1.0");
            w.WriteString("resource", match.Route.Path);
            w.WriteString("path", request.Path);
            w.WriteString("httpMethod", request.Method);
            WriteHeaders(w, request);
            WriteQuery(w, request);
            WriteMap(w, "pathParameters", match.PathParameters);
            WriteMap(w, "stageVariables", api.StageVariables);

            w.WriteStartObject("requestContext");
            w.WriteString("accountId", context.Options.AccountId);
            w.WriteString("apiId", api.ApiId);
            if (isHttpApi) w.WriteNull("resourceId");
            else w.WriteString("resourceId", ApiIds6(match.Route.RouteKey));
            w.WriteString("resourcePath", match.Route.Path);
            w.WriteString("httpMethod", request.Method);
            w.WriteString("path", api.StageName == "$default" ? request.Path : "/" + api.StageName + request.Path);
            w.WriteString("stage", api.StageName);
            w.WriteString("requestId", requestId);
            w.WriteString("extendedRequestId", ExtendedId(requestId));
            w.WriteString("requestTime", ApiGatewayContext.ClfTime(request.Time));
            w.WriteNumber("requestTimeEpoch", request.Time.ToUnixTimeMilliseconds());
            w.WriteString("protocol", "HTTP/1.1");
            w.WriteString("domainName", context.DomainName(api));
            w.WriteString("domainPrefix", api.ApiId);
            w.WriteStartObject("identity");
            foreach (var name in (string[])["accessKey", "accountId", "apiKey", "apiKeyId", "caller", "cognitoAuthenticationProvider",
                         "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId", "user", "userArn"])
                w.WriteNull(name);
            w.WriteString("sourceIp", request.SourceIp);
            w.WriteString("userAgent", request.UserAgent);
            w.WriteEndObject();
            if (authorizer is { } authorizerContext)
            {
                w.WritePropertyName("authorizer");
                authorizerContext.WriteTo(w);
            }
            w.WriteEndObject();

            var binary = BodyEncoding.IsBinary(request.ContentType, api.BinaryMediaTypes);
            WriteBody(w, request.Body, binary);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    internal static void WriteBody(Utf8JsonWriter w, byte[] body, bool binary)
    {
        if (body.Length == 0) w.WriteNull("body");
        else if (binary) w.WriteString("body", Convert.ToBase64String(body));
        else w.WriteString("body", Encoding.UTF8.GetString(body));
        w.WriteBoolean("isBase64Encoded", binary && body.Length > 0);
    }

    /// <summary>Headers as sent (REST keeps their case); the single-value map keeps the last value of a repeated header.</summary>
    internal static void WriteHeaders(Utf8JsonWriter w, IncomingRequest request)
    {
        var headers = request.Headers;
        if (headers.Count == 0)
        {
            w.WriteNull("headers");
            w.WriteNull("multiValueHeaders");
            return;
        }
        var grouped = Group(headers);
        w.WriteStartObject("headers");
        foreach (var (name, values) in grouped) w.WriteString(name, values[^1]);
        w.WriteEndObject();
        w.WriteStartObject("multiValueHeaders");
        foreach (var (name, values) in grouped)
        {
            w.WriteStartArray(name);
            foreach (var value in values) w.WriteStringValue(value);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    internal static void WriteQuery(Utf8JsonWriter w, IncomingRequest request)
    {
        if (request.Query.Count == 0)
        {
            w.WriteNull("queryStringParameters");
            w.WriteNull("multiValueQueryStringParameters");
            return;
        }
        var grouped = Group(request.Query, StringComparer.Ordinal);
        w.WriteStartObject("queryStringParameters");
        foreach (var (name, values) in grouped) w.WriteString(name, values[^1]);
        w.WriteEndObject();
        w.WriteStartObject("multiValueQueryStringParameters");
        foreach (var (name, values) in grouped)
        {
            w.WriteStartArray(name);
            foreach (var value in values) w.WriteStringValue(value);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    internal static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        foreach (var (key, value) in values) w.WriteString(key, value);
        w.WriteEndObject();
    }

    /// <summary>Pairs grouped by name, in first-seen order, values in order (header names match case-insensitively).</summary>
    internal static List<(string Name, List<string> Values)> Group(IEnumerable<KeyValuePair<string, string>> pairs, StringComparer? comparer = null)
    {
        comparer ??= StringComparer.OrdinalIgnoreCase;
        var groups = new List<(string Name, List<string> Values)>();
        foreach (var (name, value) in pairs)
        {
            var index = groups.FindIndex(g => comparer.Equals(g.Name, name));
            if (index < 0) groups.Add((name, [value]));
            else groups[index].Values.Add(value);
        }
        return groups;
    }

    private static string ApiIds6(string routeKey) => ApiIds.For(routeKey, 6);

    private static string ExtendedId(string requestId) => Convert.ToBase64String(Encoding.ASCII.GetBytes(requestId.Replace("-", "")[..10]));
}
