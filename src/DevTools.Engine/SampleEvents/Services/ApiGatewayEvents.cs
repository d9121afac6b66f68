using System.Text.Json.Nodes;

namespace DevTools.Engine.SampleEvents.Services;

/// <summary>
/// A REST API's events: a Lambda proxy integration's request (payload format 1.0), and its Lambda authorizers' (TOKEN
/// and REQUEST). The HTTP API's are in <see cref="HttpApiEvents"/>.
/// </summary>
internal static class ApiGatewayEvents
{
    private static SampleEventFlag Resource(string defaultValue) =>
        SampleEventFlag.Text("resource", "The matched resource, with its path variables: /users/{id}, /{proxy+}.", defaultValue);

    public static SampleEvent AwsProxy { get; } = new(ApiFlags.ApiGateway, "aws-proxy",
        "A REST API's request through a Lambda proxy integration (payload format 1.0).",
        [ApiFlags.Method("POST"), ApiFlags.Path("/path/to/resource"), Resource("/{proxy+}"), ApiFlags.Query("foo=bar"), ApiFlags.Body("""{"test":"body"}"""),
         ApiFlags.Stage("prod"), SampleEventFlag.Region, SampleEventFlag.AccountId],
        v =>
        {
            var body = v.Optional("body");
            var request = new JsonObject();
            new RestApi(v).WriteRequest(request, body is null ? [] : [("Content-Type", ApiFlags.ContentTypeOf(body))]);
            request["body"] = body;
            request["isBase64Encoded"] = false;
            return request;
        });

    public static SampleEvent TokenAuthorizer { get; } = new(ApiFlags.ApiGateway, "authorizer",
        "A REST API's Lambda authorizer of type TOKEN: the caller's token and the ARN of the method called.",
        [ApiFlags.Token("incoming-client-token"), ApiFlags.Method("GET"), ApiFlags.Path("/request"), ApiFlags.Stage("prod"), SampleEventFlag.Region, SampleEventFlag.AccountId],
        v => new JsonObject
        {
            ["type"] = "TOKEN",
            ["authorizationToken"] = v["token"],
            ["methodArn"] = new RestApi(v).MethodArn,
        });

    public static SampleEvent RequestAuthorizer { get; } = new(ApiFlags.ApiGateway, "request-authorizer",
        "A REST API's Lambda authorizer of type REQUEST: the request's headers, query, path and context, without its body.",
        [ApiFlags.Token("incoming-client-token"), ApiFlags.Method("GET"), ApiFlags.Path("/request"), Resource("/request"), ApiFlags.Query("QueryString1=queryValue1"),
         ApiFlags.Stage("prod"), SampleEventFlag.Region, SampleEventFlag.AccountId],
        v =>
        {
            var api = new RestApi(v);
            var request = new JsonObject { ["type"] = "REQUEST", ["methodArn"] = api.MethodArn };
            api.WriteRequest(request, [("Authorization", v["token"])]);
            return request;
        });

    /// <summary>One request to a REST API, with fresh ids: its fields as the proxy integration and REQUEST authorizers carry them.</summary>
    private sealed class RestApi(SampleEventValues v)
    {
        private readonly string _apiId = RandomIds.LowerAlphanumeric(10);
        private readonly string _method = v["method"];
        private readonly string _path = PathTemplate.Rooted(v["path"]);
        private readonly string _stage = v["stage"];

        private string DomainName => $"{_apiId}.execute-api.{v.Region}.amazonaws.com";

        /// <summary><c>arn:aws:execute-api:{region}:{account}:{api}/{stage}/{METHOD}/{path without its leading slash}</c>.</summary>
        public string MethodArn => $"arn:aws:execute-api:{v.Region}:{v.AccountId}:{_apiId}/{_stage}/{_method}/{_path.TrimStart('/')}";

        public void WriteRequest(JsonObject target, (string Name, string Value)[] extraHeaders)
        {
            var resource = PathTemplate.Rooted(v["resource"]);
            var pathParameters = PathTemplate.Match(resource, _path);
            var query = QueryString.Parse(v["query"]);
            (string Name, string Value)[] headers =
            [
                ("Accept", "*/*"),
                .. extraHeaders,
                ("Host", DomainName),
                ("User-Agent", ApiFlags.UserAgent),
                ("X-Amzn-Trace-Id", RandomIds.TraceId(v.Now)),
                ("X-Forwarded-For", ApiFlags.SourceIp),
                ("X-Forwarded-Port", "443"),
                ("X-Forwarded-Proto", "https"),
            ];

            target["resource"] = resource;
            target["path"] = _path;
            target["httpMethod"] = _method;
            target["headers"] = new JsonObject(headers.Select(h => KeyValuePair.Create(h.Name, (JsonNode?)h.Value)));
            target["multiValueHeaders"] = new JsonObject(headers.Select(h => KeyValuePair.Create(h.Name, (JsonNode?)new JsonArray(h.Value))));
            // No query is null, not {}; a repeated key's last value is the single-valued one.
            target["queryStringParameters"] = query.Count == 0 ? null
                : new JsonObject(query.GroupBy(p => p.Key).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Last().Value)));
            target["multiValueQueryStringParameters"] = query.Count == 0 ? null
                : new JsonObject(query.GroupBy(p => p.Key).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)new JsonArray(g.Select(p => (JsonNode)p.Value).ToArray()))));
            target["pathParameters"] = pathParameters is null ? null
                : new JsonObject(pathParameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
            target["stageVariables"] = null;
            target["requestContext"] = new JsonObject
            {
                ["accountId"] = v.AccountId,
                ["apiId"] = _apiId,
                ["resourceId"] = RandomIds.LowerAlphanumeric(6),
                ["resourcePath"] = resource,
                ["httpMethod"] = _method,
                ["path"] = $"/{_stage}{_path}",
                ["stage"] = _stage,
                ["requestId"] = RandomIds.Uuid(),
                ["extendedRequestId"] = RandomIds.Base64(11),
                ["requestTime"] = EventTimes.CommonLog(v.Now),
                ["requestTimeEpoch"] = EventTimes.EpochMilliseconds(v.Now),
                ["protocol"] = "HTTP/1.1",
                ["domainName"] = DomainName,
                ["domainPrefix"] = _apiId,
                ["identity"] = new JsonObject
                {
                    ["cognitoIdentityPoolId"] = null,
                    ["accountId"] = null,
                    ["cognitoIdentityId"] = null,
                    ["caller"] = null,
                    ["sourceIp"] = ApiFlags.SourceIp,
                    ["principalOrgId"] = null,
                    ["accessKey"] = null,
                    ["cognitoAuthenticationType"] = null,
                    ["cognitoAuthenticationProvider"] = null,
                    ["userArn"] = null,
                    ["userAgent"] = ApiFlags.UserAgent,
                    ["user"] = null,
                },
            };
        }
    }
}
