using System.Text;
using System.Text.Json;
using DevTools.Engine.Events;

namespace DevTools.Server.Tests.ApiGateway;

/// <summary>
/// <c>start-api</c> against real curl: every route kind and payload version, the events API Gateway builds, the answers
/// it maps, its error answers, CORS, Lambda authorizers and a function URL, on the template tests/Functions/api.
/// </summary>
public sealed class StartApiTests(ApiGatewayFixture api) : IClassFixture<ApiGatewayFixture>
{
    private static JsonElement Event(CurlResponse response)
    {
        Assert.True(response.Status == 200, response.ToString());
        return response.Json();
    }

    [Fact]
    public async Task ARestRouteGetsThePayload10EventWithEveryField()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var e = Event(await Curl.RunAsync(api.Url("/items/42?a=1&a=2&b=x%20y"), "-H", "X-Dup: one", "-H", "X-Dup: two", "-A", "tester/1.0"));

        Assert.Equal("/items/{id}", e.GetProperty("resource").GetString());
        Assert.Equal("/items/42", e.GetProperty("path").GetString());
        Assert.Equal("GET", e.GetProperty("httpMethod").GetString());
        Assert.Equal("two", e.GetProperty("headers").GetProperty("X-Dup").GetString()); // the last value; the case as sent
        Assert.Equal(["one", "two"], e.GetProperty("multiValueHeaders").GetProperty("X-Dup").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("127.0.0.1", e.GetProperty("headers").GetProperty("X-Forwarded-For").GetString());
        Assert.Equal("2", e.GetProperty("queryStringParameters").GetProperty("a").GetString());
        Assert.Equal("x y", e.GetProperty("queryStringParameters").GetProperty("b").GetString());
        Assert.Equal(["1", "2"], e.GetProperty("multiValueQueryStringParameters").GetProperty("a").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("42", e.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal("blue", e.GetProperty("stageVariables").GetProperty("color").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("body").ValueKind);
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.False(e.TryGetProperty("version", out _)); // REST events have no version

        var context = e.GetProperty("requestContext");
        Assert.Equal("/dev/items/42", context.GetProperty("path").GetString()); // the concrete path under the stage
        Assert.Equal("dev", context.GetProperty("stage").GetString());
        Assert.Equal("/items/{id}", context.GetProperty("resourcePath").GetString());
        Assert.Equal("123456789012", context.GetProperty("accountId").GetString());
        Assert.Matches("^[a-z0-9]{10}$", context.GetProperty("apiId").GetString());
        Assert.True(Guid.TryParse(context.GetProperty("requestId").GetString(), out _));
        Assert.InRange(context.GetProperty("requestTimeEpoch").GetInt64(), before - 1000, before + 10_000); // milliseconds
        Assert.Matches(@"^\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d \+0000$", context.GetProperty("requestTime").GetString());
        Assert.Equal("127.0.0.1", context.GetProperty("identity").GetProperty("sourceIp").GetString());
        Assert.Equal("tester/1.0", context.GetProperty("identity").GetProperty("userAgent").GetString());
        Assert.Equal(JsonValueKind.Null, context.GetProperty("identity").GetProperty("cognitoIdentityId").ValueKind);

        // A second request is a new request: its own id and time.
        var again = Event(await Curl.RunAsync(api.Url("/items/42"))).GetProperty("requestContext");
        Assert.NotEqual(context.GetProperty("requestId").GetString(), again.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task ALiteralBeatsAVariableAGreedyVariableTakesTheRestAndAnyTakesEveryMethod()
    {
        Assert.Equal("/items/special", Event(await Curl.RunAsync(api.Url("/items/special"))).GetProperty("resource").GetString());
        var greedy = Event(await Curl.RunAsync(api.Url("/files/a/b%20c/d.txt"), "-X", "DELETE"));
        Assert.Equal("/files/{proxy+}", greedy.GetProperty("resource").GetString());
        Assert.Equal("a/b c/d.txt", greedy.GetProperty("pathParameters").GetProperty("proxy").GetString());
        Assert.Equal("DELETE", greedy.GetProperty("httpMethod").GetString());
        // The implicit API of an event without RestApiId is SAM's ServerlessRestApi, stage Prod.
        Assert.Equal("Prod", Event(await Curl.RunAsync(api.Url("/implicit"))).GetProperty("requestContext").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task AnHttpApiRouteGetsThePayload20Event()
    {
        var e = Event(await Curl.RunAsync(api.Url("/v2/items/7?tag=a&tag=b&q="), "-H", "X-Dup: one", "-H", "X-Dup: two", "-H", "Cookie: sid=abc; theme=dark"));
        Assert.Equal("2.0", e.GetProperty("version").GetString());
        Assert.Equal("GET /v2/items/{id}", e.GetProperty("routeKey").GetString());
        Assert.Equal("/v2/items/7", e.GetProperty("rawPath").GetString());
        Assert.Equal("tag=a&tag=b&q=", e.GetProperty("rawQueryString").GetString());
        Assert.Equal(["sid=abc", "theme=dark"], e.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()));
        var headers = e.GetProperty("headers");
        Assert.Equal("one,two", headers.GetProperty("x-dup").GetString()); // lower-cased, repeats comma-joined
        Assert.False(headers.TryGetProperty("cookie", out _));
        Assert.Equal("a,b", e.GetProperty("queryStringParameters").GetProperty("tag").GetString());
        Assert.Equal("", e.GetProperty("queryStringParameters").GetProperty("q").GetString());
        Assert.Equal("7", e.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.False(e.TryGetProperty("body", out _));
        Assert.False(e.TryGetProperty("stageVariables", out _));
        var context = e.GetProperty("requestContext");
        Assert.Equal("$default", context.GetProperty("stage").GetString());
        Assert.Equal("GET", context.GetProperty("http").GetProperty("method").GetString());
        Assert.Equal("/v2/items/7", context.GetProperty("http").GetProperty("path").GetString());
        Assert.InRange(context.GetProperty("timeEpoch").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        // Precedence: the exact route, then the greedy one, then $default.
        Assert.Equal("ANY /v2/{proxy+}", Event(await Curl.RunAsync(api.Url("/v2/other/path"), "-X", "PUT")).GetProperty("routeKey").GetString());
        var fallback = Event(await Curl.RunAsync(api.Url("/not/routed")));
        Assert.Equal("$default", fallback.GetProperty("routeKey").GetString());
        Assert.Equal("/not/routed", fallback.GetProperty("rawPath").GetString());
        // An HttpApi route with PayloadFormatVersion 1.0 gets the REST shape with version 1.0.
        var v1 = Event(await Curl.RunAsync(api.Url("/v1style")));
        Assert.Equal(("1.0", "GET"), (v1.GetProperty("version").GetString(), v1.GetProperty("httpMethod").GetString()));
    }

    [Fact]
    public async Task BinaryBodiesTravelBase64BothWays()
    {
        var bytes = new byte[] { 0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255 };
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, bytes);
        try
        {
            // REST: a binary media type of the API arrives base64; text stays text.
            var binary = Event(await Curl.RunAsync(api.Url("/items"), "-X", "POST", "-H", "Content-Type: image/png", "--data-binary", "@" + file));
            Assert.True(binary.GetProperty("isBase64Encoded").GetBoolean());
            Assert.Equal(bytes, Convert.FromBase64String(binary.GetProperty("body").GetString()!));
            var text = Event(await Curl.RunAsync(api.Url("/items"), "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", """{"a":1}"""));
            Assert.Equal(("""{"a":1}""", false), (text.GetProperty("body").GetString(), text.GetProperty("isBase64Encoded").GetBoolean()));
            // HTTP API: anything but text is base64.
            var v2 = Event(await Curl.RunAsync(api.Url("/v2/upload"), "-X", "POST", "-H", "Content-Type: application/octet-stream", "--data-binary", "@" + file));
            Assert.Equal(bytes, Convert.FromBase64String(v2.GetProperty("body").GetString()!));
        }
        finally { File.Delete(file); }

        // A base64 answer of a binary media type goes out as bytes.
        var image = await Curl.RunAsync(api.Url("/items/1?mode=binary"), "-H", "Accept: image/png");
        Assert.Equal((200, "image/png"), (image.Status, image.Header("Content-Type")));
        Assert.Equal(bytes, image.Body);
    }

    [Fact]
    public async Task AnswersAreMappedAsApiGatewayMapsThem()
    {
        var multi = await Curl.RunAsync(api.Url("/items/1?mode=multi"));
        Assert.Equal(201, multi.Status);
        Assert.Equal("made", multi.Text);
        Assert.Equal(["1", "2"], multi.All("x-many"));
        Assert.Equal(["a=1", "b=2"], multi.All("Set-Cookie"));
        Assert.Equal("a", multi.Header("x-one"));
        Assert.Equal("application/json", multi.Header("Content-Type")); // REST's default type

        var cookies = await Curl.RunAsync(api.Url("/v2/x?mode=cookies"));
        Assert.Equal(["a=1; Path=/", "b=2"], cookies.All("Set-Cookie"));
        Assert.Equal("text/plain; charset=utf-8", cookies.Header("Content-Type"));
        Assert.NotNull(cookies.Header("apigw-requestid"));

        var shorthand = await Curl.RunAsync(api.Url("/v2/x?mode=shorthand"));
        Assert.Equal((200, "application/json", """{"hello":"world"}"""), (shorthand.Status, shorthand.Header("Content-Type"), shorthand.Text));
        Assert.Equal("just text", (await Curl.RunAsync(api.Url("/v2/x?mode=string"))).Text);
        Assert.Equal("ok", (await Curl.RunAsync(api.Url("/v1style?mode=extra"))).Text); // HTTP APIs ignore extra keys
    }

    [Theory]
    [InlineData("/items/1?mode=malformed", 502, "Internal server error")] // a body that is not a string
    [InlineData("/items/1?mode=extra", 502, "Internal server error")] // REST refuses keys it does not know
    [InlineData("/items/1?mode=error", 502, "Internal server error")] // the function failed
    [InlineData("/v2/x?mode=error", 500, "Internal Server Error")]
    [InlineData("/v2/x?mode=malformed", 500, "Internal Server Error")]
    [InlineData("/slow?mode=sleep&ms=1500", 504, "Endpoint request timed out")] // the route's TimeoutInMillis: 300
    [InlineData("/throttled", 429, "Too Many Requests")] // reserved concurrency 0
    public async Task FailuresGetApiGatewaysStatusAndBody(string path, int status, string message)
    {
        var response = await Curl.RunAsync(api.Url(path));
        Assert.Equal(status, response.Status);
        Assert.Equal(message, response.Json().GetProperty("message").GetString());
    }

    [Fact]
    public async Task APathNoRouteMatchesIsRests403OrHttpApis404()
    {
        var (restTest, rest) = await ApiGatewayFixture.ServeAsync("rest-only.yaml");
        var (httpTest, http) = await ApiGatewayFixture.ServeAsync("http-only.yaml");
        try
        {
            var forbidden = await Curl.RunAsync(new Uri(rest.Address, "/nowhere").ToString());
            Assert.Equal((403, "Missing Authentication Token", "MissingAuthenticationTokenException"),
                (forbidden.Status, forbidden.Json().GetProperty("message").GetString(), forbidden.Header("x-amzn-ErrorType")));
            Assert.Equal(403, (await Curl.RunAsync(new Uri(rest.Address, "/only").ToString(), "-X", "POST")).Status); // a known path, another method
            var notFound = await Curl.RunAsync(new Uri(http.Address, "/nowhere").ToString());
            Assert.Equal((404, "Not Found"), (notFound.Status, notFound.Json().GetProperty("message").GetString()));
        }
        finally
        {
            await rest.DisposeAsync();
            await http.DisposeAsync();
            await restTest.DisposeAsync();
            await httpTest.DisposeAsync();
        }
    }

    [Fact]
    public async Task CorsPreflightsAreAnsweredWithoutTheFunctionAndHttpApisAddTheHeaders()
    {
        var rest = await Curl.RunAsync(api.Url("/items/1"), "-X", "OPTIONS", "-H", "Origin: https://any.example", "-H", "Access-Control-Request-Method: GET");
        Assert.Equal(200, rest.Status);
        Assert.Equal("*", rest.Header("Access-Control-Allow-Origin"));
        Assert.Equal("Content-Type,X-Token", rest.Header("Access-Control-Allow-Headers"));
        Assert.Equal("600", rest.Header("Access-Control-Max-Age"));

        var http = await Curl.RunAsync(api.Url("/v2/items/1"), "-X", "OPTIONS", "-H", "Origin: https://app.example", "-H", "Access-Control-Request-Method: GET");
        Assert.Equal((204, "https://app.example"), (http.Status, http.Header("Access-Control-Allow-Origin")));
        var stranger = await Curl.RunAsync(api.Url("/v2/items/1"), "-X", "OPTIONS", "-H", "Origin: https://evil.example", "-H", "Access-Control-Request-Method: GET");
        Assert.Null(stranger.Header("Access-Control-Allow-Origin"));

        var answer = await Curl.RunAsync(api.Url("/v2/items/1"), "-H", "Origin: https://app.example");
        Assert.Equal(("https://app.example", "x-mode"), (answer.Header("Access-Control-Allow-Origin"), answer.Header("Access-Control-Expose-Headers")));
    }

    [Theory]
    [InlineData(null, 401, "Unauthorized")] // no token: the authorizer is not even invoked
    [InlineData("unauthorized", 401, "Unauthorized")]
    [InlineData("deny", 403, "User is not authorized to access this resource with an explicit deny")]
    [InlineData("other", 403, "User is not authorized to access this resource")]
    public async Task ARestTokenAuthorizerRefuses(string? token, int status, string message)
    {
        var response = await Curl.RunAsync(api.Url("/guarded"), token is null ? [] : ["-H", "X-Token: " + token]);
        Assert.Equal((status, message), (response.Status, response.Json().GetProperty("message").GetString()));
    }

    [Fact]
    public async Task AuthorizersThatAllowPassTheirContextOn()
    {
        var rest = Event(await Curl.RunAsync(api.Url("/guarded"), "-H", "X-Token: allow")).GetProperty("requestContext").GetProperty("authorizer");
        Assert.Equal(("alice", "alice", "3", "false"), (rest.GetProperty("principalId").GetString(), rest.GetProperty("user").GetString(),
            rest.GetProperty("level").GetString(), rest.GetProperty("admin").GetString())); // REST passes the context's values as strings

        var http = Event(await Curl.RunAsync(api.Url("/v2guarded"), "-H", "X-Token: allow")).GetProperty("requestContext").GetProperty("authorizer");
        Assert.Equal(3, http.GetProperty("lambda").GetProperty("level").GetInt32());
        Assert.Equal(403, (await Curl.RunAsync(api.Url("/v2guarded"), "-H", "X-Token: no")).Status);
        Assert.Equal(401, (await Curl.RunAsync(api.Url("/v2guarded"))).Status);
    }

    [Fact]
    public async Task AFunctionUrlTakesEveryPathWithThe20EventAndItsOwnRules()
    {
        var e = Event(await Curl.RunAsync(api.FunctionUrl("/any/path?x=1"), "-X", "POST", "-H", "Content-Type: text/plain", "-d", "hello"));
        Assert.Equal(("$default", "/any/path", "hello"), (e.GetProperty("routeKey").GetString(), e.GetProperty("rawPath").GetString(), e.GetProperty("body").GetString()));
        var context = e.GetProperty("requestContext");
        Assert.EndsWith(".lambda-url.us-east-1.on.aws", context.GetProperty("domainName").GetString());
        Assert.Equal(("$default", "anonymous"), (context.GetProperty("stage").GetString(), context.GetProperty("accountId").GetString()));
        // A JSON string answer is the body as written, quotes included (an HTTP API would give the text).
        Assert.Equal("\"just text\"", (await Curl.RunAsync(api.FunctionUrl("/?mode=string"))).Text);
        Assert.Equal(502, (await Curl.RunAsync(api.FunctionUrl("/?mode=error"))).Status);
        Assert.Equal("https://app.example", (await Curl.RunAsync(api.FunctionUrl("/"), "-H", "Origin: https://app.example")).Header("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task EachRequestIsANormalInvokeWithItsHttpLineFirst()
    {
        Assert.Equal("/items/99", Event(await Curl.RunAsync(api.Url("/items/99?trace=1"))).GetProperty("path").GetString());
        var events = api.Test.Events.ToList();
        var request = events.FindLastIndex(e => e is ApiRequestReceived { Path: "/items/99?trace=1" });
        Assert.True(request >= 0);
        var sent = events.OfType<ApiResponseSent>().Last(e => e.Path == "/items/99?trace=1");
        Assert.Equal(200, sent.StatusCode);
        var start = events.FindIndex(request, e => e is PlatformStart s && s.RequestId == sent.RequestId);
        Assert.True(start > request, "the HTTP line comes before the invoke's START");
        Assert.Equal("HTTP GET /items/99?trace=1 → RestFunction (RestApi GET /items/{id})", LambdaTextFormatter.Format(events[request]));
        Assert.StartsWith("HTTP 200 GET /items/99?trace=1 in ", LambdaTextFormatter.Format(sent));
    }
}
