using System.Buffers;
using System.Text.Json;
using DevTools.Engine.Catalog.Apis;

namespace DevTools.Server.ApiGateway;

/// <summary>
/// The payload 2.0 event of HTTP APIs and function URLs: lower-cased headers with repeated values comma-joined, the
/// <c>Cookie</c> header split into <c>cookies</c>, comma-joined query values, <c>rawPath</c>/<c>rawQueryString</c>, and
/// absent (not null) fields when there is nothing to say, as API Gateway sends them.
/// </summary>
internal static class HttpApiEventWriter
{
    /// <summary>Where the request came in: an HTTP API route, or a function URL (no routing, <c>$default</c> everywhere).</summary>
    public sealed record Source(string ApiId, string DomainName, string Stage, string RouteKey, string AccountId,
        IReadOnlyDictionary<string, string> PathParameters, IReadOnlyDictionary<string, string> StageVariables);

    public static Source ForRoute(RouteMatch match, ApiGatewayContext context) =>
        new(match.Api.ApiId, context.DomainName(match.Api), match.Api.StageName, match.Route.RouteKey, context.Options.AccountId,
            match.PathParameters, match.Api.StageVariables);

    public static Source ForFunctionUrl(FunctionUrlDefinition url, ApiGatewayContext context) =>
        new(url.UrlId, context.UrlDomainName(url), "$default", "$default", url.AuthType == "NONE" ? "anonymous" : context.Options.AccountId,
            new Dictionary<string, string>(), new Dictionary<string, string>());

    public static byte[] Write(IncomingRequest request, Source source, string requestId, JsonElement? authorizer)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 + request.Body.Length * 4 / 3);
        // A named stage is the first segment of the real URL, so it is part of rawPath; $default is not.
        var rawPath = source.Stage == "$default" ? request.Path : "/" + source.Stage + request.Path;
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("version", "2.0");
            w.WriteString("routeKey", source.RouteKey);
            w.WriteString("rawPath", rawPath);
            w.WriteString("rawQueryString", request.RawQuery);
            if (request.Cookies.Count > 0)
            {
                w.WriteStartArray("cookies");
                foreach (var cookie in request.Cookies) w.WriteStringValue(cookie);
                w.WriteEndArray();
            }
            w.WriteStartObject("headers");
            foreach (var (name, values) in RestEventWriter.Group(request.Headers.Where(h => !h.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase))))
                w.WriteString(name.ToLowerInvariant(), string.Join(',', values));
            w.WriteEndObject();
            if (request.Query.Count > 0)
            {
                w.WriteStartObject("queryStringParameters");
                foreach (var (name, values) in RestEventWriter.Group(request.Query, StringComparer.Ordinal)) w.WriteString(name, string.Join(',', values));
                w.WriteEndObject();
            }
            if (source.PathParameters.Count > 0) RestEventWriter.WriteMap(w, "pathParameters", source.PathParameters);
            if (source.StageVariables.Count > 0) RestEventWriter.WriteMap(w, "stageVariables", source.StageVariables);

            w.WriteStartObject("requestContext");
            w.WriteString("accountId", source.AccountId);
            w.WriteString("apiId", source.ApiId);
            if (authorizer is { } authorizerContext)
            {
                w.WritePropertyName("authorizer");
                authorizerContext.WriteTo(w);
            }
            w.WriteString("domainName", source.DomainName);
            w.WriteString("domainPrefix", source.ApiId);
            w.WriteStartObject("http");
            w.WriteString("method", request.Method);
            w.WriteString("path", rawPath);
            w.WriteString("protocol", "HTTP/1.1");
            w.WriteString("sourceIp", request.SourceIp);
            w.WriteString("userAgent", request.UserAgent);
            w.WriteEndObject();
            w.WriteString("requestId", requestId);
            w.WriteString("routeKey", source.RouteKey);
            w.WriteString("stage", source.Stage);
            w.WriteString("time", ApiGatewayContext.ClfTime(request.Time));
            w.WriteNumber("timeEpoch", request.Time.ToUnixTimeMilliseconds());
            w.WriteEndObject();

            var binary = BodyEncoding.IsBinaryForHttpApi(request.ContentType);
            if (request.Body.Length > 0) RestEventWriter.WriteBody(w, request.Body, binary);
            else w.WriteBoolean("isBase64Encoded", false);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
