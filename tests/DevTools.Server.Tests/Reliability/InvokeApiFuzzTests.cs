using System.Net.Sockets;
using System.Text;
using DevTools.Server.InvokeApi;
using DevTools.Server.Tests.InvokeApi;
using DevTools.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;

namespace DevTools.Server.Tests.Reliability;

/// <summary>
/// Random requests on the real Invoke HTTP API: each gets an AWS-shaped answer (a Lambda status and,
/// for errors, <c>x-amzn-ErrorType</c>), never a 500; the engine stays up and serves a normal invoke after.
/// </summary>
public sealed class InvokeApiFuzzTests : InvokeApiTestHost
{
    private static readonly int[] Allowed = [200, 202, 204, 400, 404, 413, 415, 429];

    private static Gen<HttpRequestMessage> Request() =>
        from method in Gen.Elements(HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, new HttpMethod("BREW"))
        from name in Gen.Elements("Probe", "Limited", "Nope", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "Probe%00", "ünïcødé", "💥", new string('a', 300),
            "arn:aws:lambda:us-east-1:123456789012:function:Probe", "123456789012:function:Probe:1", "Probe:$LATEST", "")
        from tail in Gen.Elements("/invocations", "/invocations?Qualifier=%24LATEST", "/invocations?Qualifier=9", "", "/x/y", "/invocations?Qualifier=")
        from type in Gen.Elements<string?>(null, "Event", "DryRun", "RequestResponse", "event", "Maybe", "")
        from log in Gen.Elements<string?>(null, "Tail", "None", "tail", "Tail, Tail")
        from context in Gen.Elements<string?>(null, "e30=", "%%%", Convert.ToBase64String(new byte[5000]), "bm90IGpzb24=")
        from body in Gen.Elements("{}", "", "{bad", "[1,2]", "\"s\"", "null", "{\"action\":\"echo\"}", "{\"action\":\"error\"}", new string('[', 10_000))
        select Build(method, $"/2015-03-31/functions/{name}{tail}", type, log, context, body);

    private static HttpRequestMessage Build(HttpMethod method, string path, string? type, string? log, string? context, string body)
    {
        var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (type is not null) request.Headers.TryAddWithoutValidation("X-Amz-Invocation-Type", type);
        if (log is not null) request.Headers.TryAddWithoutValidation("X-Amz-Log-Type", log);
        if (context is not null) request.Headers.TryAddWithoutValidation("X-Amz-Client-Context", context);
        return request;
    }

    [Fact]
    public async Task RandomRequestsGetAwsShapedAnswers()
    {
        Prop.ForAll(Request().ToArbitrary(), request =>
        {
            using var response = Http.Send(request);
            var status = (int)response.StatusCode;
            if (!Allowed.Contains(status)) throw new InvalidOperationException($"{status} for {request.Method} {request.RequestUri}");
            if (status >= 400 && !response.Headers.Contains("x-amzn-ErrorType"))
                throw new InvalidOperationException($"{status} without x-amzn-ErrorType for {request.Method} {request.RequestUri}");
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));

        // Still up, still warm.
        var ok = await Http.PostAsync("/2015-03-31/functions/Probe/invocations", new StringContent("{}"));
        Assert.Equal(200, (int)ok.StatusCode);
    }

    [Theory]
    // Both framings at once is how a request is smuggled past a proxy: refused, not guessed.
    [InlineData("POST /2015-03-31/functions/Probe/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}", 400)]
    [InlineData("POST /2015-03-31/functions/Probe/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400)]
    [InlineData("POST /2015-03-31/functions/Probe/invocations HTTP/2.0\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}", 505)]
    [InlineData("GET /2015-03-31/functions/ HTTP/1.1\r\nX-Big: {big}\r\n\r\n", 431)]
    public async Task AmbiguousOrOversizedRequestsGetTheirStatusInAwsShape(string raw, int status)
    {
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(Server.Address.Host, Server.Address.Port);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(raw.Replace("{big}", new string('a', 70 * 1024))));
            var buffer = new byte[4096];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, timeout.Token);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            Assert.StartsWith($"HTTP/1.1 {status} ", answer);
            Assert.Contains("x-amzn-ErrorType: ", answer);
        }
        var ok = await Http.PostAsync("/2015-03-31/functions/Probe/invocations", new StringContent("{}"));
        Assert.Equal(200, (int)ok.StatusCode);
    }

    [Theory]
    [InlineData("GARBAGE\r\n\r\n")]
    [InlineData("POST /2015-03-31/functions/Probe/invocations HTTP/1.1\r\nHost: x\r\nX-Amz-Log-Type: \u00e9\u00e9\r\nContent-Length: 2\r\n\r\n{}")]
    [InlineData("POST /2015-03-31/functions/Probe/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n{")]
    [InlineData("POST /2015-03-31/functions/Probe/invocations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nqq\r\n")]
    public async Task MalformedHttpIsRefusedAndTheServerKeepsServing(string raw)
    {
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(Server.Address.Host, Server.Address.Port);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(raw));
            tcp.Client.Shutdown(SocketShutdown.Send);
            var buffer = new byte[4096];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, timeout.Token);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            Assert.StartsWith("HTTP/1.1 400 ", answer);
            Assert.Contains("x-amzn-ErrorType: ", answer);
        }
        var ok = await Http.PostAsync("/2015-03-31/functions/Probe/invocations", new StringContent("{}"));
        Assert.Equal(200, (int)ok.StatusCode);
    }
}
