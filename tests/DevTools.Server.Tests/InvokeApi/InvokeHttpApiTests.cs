using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DevTools.Tests.Shared;
using DevTools.Server.InvokeApi;

namespace DevTools.Server.Tests.InvokeApi;

/// <summary>The Invoke HTTP API over a real socket: statuses, headers and AWS-shaped errors.</summary>
public sealed class InvokeHttpApiTests : InvokeApiTestHost
{
    private Task<HttpResponseMessage> Invoke(string name, string? body, params (string, string)[] headers) => Invoke(name, "", body, headers);

    private Task<HttpResponseMessage> Invoke(string name, string query, string? body, params (string, string)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/2015-03-31/functions/{name}/invocations{query}");
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        foreach (var (k, v) in headers) request.Headers.TryAddWithoutValidation(k, v);
        return Http.SendAsync(request);
    }

    [Fact]
    public async Task ACallerThatHangsUpMidInvokeLosesNothing()
    {
        // Over a raw socket: the request goes out, then the caller closes its connection while the function sleeps.
        using (var tcp = new System.Net.Sockets.TcpClient())
        {
            await tcp.ConnectAsync(Server.Address.Host, Server.Address.Port);
            const string body = "{\"action\":\"sleep\",\"seconds\":0.5}";
            var request = $"POST /2015-03-31/functions/Probe/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: {body.Length}\r\n\r\n{body}";
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(request));
            await Test.WaitForAsync<DevTools.Engine.Events.PlatformStart>();
        }
        // The invoke still runs to its end (its REPORT), and the same environment serves the next caller, warm.
        var report = await Test.WaitForAsync<DevTools.Engine.Events.PlatformReport>();
        Assert.Equal("success", report.Status);
        var next = await Invoke("Probe", "{\"action\":\"echo\"}");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var environments = Test.Engine.ListEnvironments().Where(e => e.FunctionName == "Probe").ToList();
        Assert.Single(environments);
        Assert.Equal(report.EnvironmentId, environments[0].Id);
        Assert.Equal(2, environments[0].Invocations);
    }

    [Fact]
    public async Task RequestResponseReturns200WithThePayloadAndVersion()
    {
        var response = await Invoke("Probe", "{\"action\":\"echo\",\"n\":1}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("$LATEST", response.Headers.GetValues("X-Amz-Executed-Version").Single());
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, json.GetProperty("event").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task FunctionErrorsAre200WithTheErrorHeader()
    {
        var response = await Invoke("Probe", "{\"action\":\"error\"}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Contains("Probe.Failure", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EventIs202AndDryRunIs204()
    {
        var accepted = await Invoke("Probe", "{}", ("X-Amz-Invocation-Type", "Event"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Empty(await accepted.Content.ReadAsByteArrayAsync());
        var dry = await Invoke("Probe", "{}", ("X-Amz-Invocation-Type", "DryRun"));
        Assert.Equal(HttpStatusCode.NoContent, dry.StatusCode);
    }

    [Fact]
    public async Task AnEmptyBodyWithContentLengthZeroIsAnEmptyEvent()
    {
        // What the AWS SDK for JavaScript sends for a DryRun without a payload.
        var request = new HttpRequestMessage(HttpMethod.Post, "/2015-03-31/functions/Probe/invocations") { Content = new ByteArrayContent([]) };
        request.Headers.TryAddWithoutValidation("X-Amz-Invocation-Type", "DryRun");
        Assert.Equal(HttpStatusCode.NoContent, (await Http.SendAsync(request)).StatusCode);
        var invoke = await Invoke("Probe", "");
        Assert.Equal(HttpStatusCode.OK, invoke.StatusCode);
    }

    [Fact]
    public async Task LogTailIsBase64OfTheLog()
    {
        var response = await Invoke("Probe", "{\"action\":\"log\",\"lines\":2}", ("X-Amz-Log-Type", "Tail"));
        var log = Encoding.UTF8.GetString(Convert.FromBase64String(response.Headers.GetValues("X-Amz-Log-Result").Single()));
        Assert.Contains("START RequestId:", log);
        Assert.Contains("log line 1", log);
        Assert.Contains("REPORT RequestId:", log);
    }

    // The engine's own error cases (404, 400, 413, 429) are tested at the engine; here, how this front end carries one.
    [Fact]
    public async Task ServiceErrorsCarryTheAwsErrorType()
    {
        var response = await Invoke("Nope", "{}");
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("ResourceNotFoundException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("User", body.GetProperty("Type").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("Message").GetString()));
    }

    [Fact]
    public async Task OversizeRequestIs413WhileTheCallerStillSends()
    {
        var response = await Invoke("Probe", "\"" + new string('x', 6 * 1024 * 1024) + "\"");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("RequestTooLargeException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task TheClientContextHeaderIsBase64OfTheJson()
    {
        var context = Convert.ToBase64String("{\"custom\":{\"k\":\"v\"}}"u8.ToArray());
        var echoed = await Invoke("Probe", "{\"action\":\"echo\"}", ("X-Amz-Client-Context", context));
        var headers = JsonDocument.Parse(await echoed.Content.ReadAsStringAsync()).RootElement.GetProperty("headers");
        Assert.Equal("{\"custom\":{\"k\":\"v\"}}", headers.GetProperty("lambda-runtime-client-context").GetString());

        var bad = await Invoke("Probe", "{}", ("X-Amz-Client-Context", "%%%"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("InvalidRequestContentException", bad.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task UnknownInvocationTypeIsInvalidParameter()
    {
        var response = await Invoke("Probe", "{}", ("X-Amz-Invocation-Type", "Sometimes"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidParameterValueException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task QualifierAndArnsAreAccepted()
    {
        var arn = Uri.EscapeDataString("arn:aws:lambda:us-east-1:123456789012:function:Probe");
        Assert.Equal(HttpStatusCode.NoContent, (await Invoke(arn, "?Qualifier=%24LATEST", "{}", ("X-Amz-Invocation-Type", "DryRun"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Invoke("Probe", "?Qualifier=3", "{}", ("X-Amz-Invocation-Type", "DryRun"))).StatusCode);
    }

    [Fact]
    public async Task ListAndGetFunctionsDescribeTheCatalogue()
    {
        var list = JsonDocument.Parse(await Http.GetStringAsync("/2015-03-31/functions/")).RootElement;
        Assert.Equal(["Probe", "Limited"], list.GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString()));
        var one = JsonDocument.Parse(await Http.GetStringAsync("/2015-03-31/functions/Probe")).RootElement;
        Assert.Equal("provided.al2023", one.GetProperty("Configuration").GetProperty("Runtime").GetString());
        var missing = await Http.GetAsync("/2015-03-31/functions/Nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task OnlyLoopbackAddressesAreAccepted()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => InvokeApiServer.StartAsync(Test.Engine, "0.0.0.0", 0));
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(Server.Address.Host)));
    }
}
